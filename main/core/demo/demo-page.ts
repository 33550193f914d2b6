// The demo feed's GET /demo page: plain text that says what each endpoint does and how to try it.

export function demoPage(base: string): string {
  return `SSE Scope demo feed

GET  ${base}/demo/stream
     A live event stream: "price" events with JSON data, "chat" token deltas in OpenAI's
     chunk shape ending with [DONE], "notification" events with two data lines, plain
     messages, ": heartbeat" comments, a "retry:" field, and ids on every event but one
     per cycle. Every so often the server drops the connection on purpose; reconnect with
     the Last-Event-ID header and the stream continues from the next id.

POST ${base}/demo/chat
     A pretend LLM endpoint. Send a JSON body such as {"prompt": "Hello"} (or OpenAI-style
     {"messages": [{"role": "user", "content": "Hello"}]}) with Content-Type: application/json;
     the reply streams back as chat-completion chunks, then "data: [DONE]", then the
     response ends.

Try:  curl -N ${base}/demo/stream
      curl -N -H 'content-type: application/json' -d '{"prompt":"Hello"}' ${base}/demo/chat
`;
}
