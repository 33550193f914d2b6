// paced-fetch.ts: a response body is read no faster than the output takes it.

import { expect, test } from 'vitest';
import type { FetchFunction, FetchRequestInit } from '../../main/core/sse/fetch-types.ts';
import { pacedFetch } from '../../main/core/sse/paced-fetch.ts';

/** A fetch whose body yields chunks "1", "2", ... and fails when the request is aborted. */
const countingFetch: FetchFunction = async (url, init) => {
  let n = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      init.signal.addEventListener('abort', () => controller.error(new Error('aborted')));
    },
    pull(controller) {
      controller.enqueue(new TextEncoder().encode(String(++n)));
    },
  });
  return { status: 200, statusText: 'OK', url, type: 'basic', headers: new Headers({ 'content-type': 'text/event-stream' }), body };
};

function request(): FetchRequestInit & { controller: AbortController } {
  const controller = new AbortController();
  return { method: 'GET', headers: {}, signal: controller.signal, redirect: 'manual', controller };
}

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise((r) => setTimeout(() => r(false), ms)),
  ]);

test('the response keeps its status, URL, type and headers', async () => {
  const response = await pacedFetch(countingFetch, () => null)('http://x/', request());
  expect(response).toMatchObject({ status: 200, statusText: 'OK', url: 'http://x/', type: 'basic' });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
});

test('while the output is behind, the next chunk waits; once it catches up, reading goes on', async () => {
  let gate: Promise<void> | null = null;
  const response = await pacedFetch(countingFetch, () => gate)('http://x/', request());
  const reader = response.body!.getReader();
  const decode = (chunk: { value?: Uint8Array }) => new TextDecoder().decode(chunk.value);

  expect(decode(await reader.read())).toBe('1');
  let release!: () => void;
  gate = new Promise<void>((resolve) => (release = resolve));
  const next = reader.read();
  expect(await settledWithin(next, 50)).toBe(false);
  gate = null;
  release();
  expect(decode(await next)).toBe('2');
});

test('an abort ends a read that waits for a stuck output', async () => {
  const init = request();
  const response = await pacedFetch(countingFetch, () => new Promise<void>(() => {}))('http://x/', init);
  const read = response.body!.getReader().read();
  init.controller.abort();
  await expect(read).rejects.toThrow('aborted');
});
