// Backpressure from the output to the network. A Session hands records over synchronously and
// cannot be paused, so when the output falls behind (the CLI's stdout, a slow pipe; the capture
// file of a CLI --save or of an app session) the text waiting to be written would grow without
// bound. This wraps the fetch function the Session is given: each response body is read no faster
// than the output takes it, so a slow reader slows the TCP connection instead of filling memory.

import type { FetchFunction, FetchResponseLike } from './fetch-types.ts';

/** Resolves when the output can take more; null when it can now (the common, fast case). */
export type OutputReady = () => Promise<void> | null;

export function pacedFetch(fetch: FetchFunction, ready: OutputReady): FetchFunction {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!response.body) return response;
    return { ...responseFields(response), body: pacedBody(response.body, ready, init.signal) };
  };
}

// A fetch Response keeps its fields on the prototype (getters), so they are copied by name.
function responseFields(response: FetchResponseLike): Omit<FetchResponseLike, 'body'> {
  return {
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    ...(response.type !== undefined ? { type: response.type } : {}),
    headers: response.headers,
  };
}

function pacedBody(body: ReadableStream<Uint8Array>, ready: OutputReady, signal: AbortSignal): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const wait = ready();
        // An abort (close, timeout) must not wait for a stuck reader: the read below then fails.
        if (wait && !signal.aborted) await untilAborted(wait, signal);
        const { done, value } = await reader.read();
        if (cancelled) return;
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        cancelled = true;
        return reader.cancel(reason);
      },
    },
    // Pull only when the Session asks for a chunk: no extra buffering in this layer.
    { highWaterMark: 0 },
  );
}

/** `wait`, cut short by an abort. */
async function untilAborted(wait: Promise<void>, signal: AbortSignal): Promise<void> {
  let onAbort!: () => void;
  const abort = new Promise<void>((resolve) => (onAbort = resolve));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([wait, abort]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
