// Placeholder entry; the capture command is being written.
console.log('sse-scope: capture command coming');
