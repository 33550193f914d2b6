// Placeholder entry; the contract-test service is being written in main/conformance.
console.log('contract service coming');
