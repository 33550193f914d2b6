// The bounded line reader under imports: LF and CRLF, lines torn across chunks, a cut-off last
// line, and a line past the bound skipped without being held.

import { expect, test } from 'vitest';
import { readLineBatches } from '../../../main/core/export/read-lines.ts';

async function* chunksOf(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

async function collect(batches: AsyncIterable<unknown[]>) {
  const out = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

test('lines end at LF or CRLF, survive being torn across chunks, and keep their numbers', async () => {
  const lines = await collect(readLineBatches(chunksOf('one\r', '\ntw', 'o\n\nthré', 'é\r\nlast'), 100));
  expect(lines).toEqual([
    { number: 1, text: 'one', bytes: 4, terminated: true },
    { number: 2, text: 'two', bytes: 3, terminated: true },
    { number: 3, text: '', bytes: 0, terminated: true },
    { number: 4, text: 'thréé', bytes: 8, terminated: true },
    { number: 5, text: 'last', bytes: 4, terminated: false },
  ]);
});

test('a line longer than the bound is reported without its text, and reading goes on', async () => {
  const lines = await collect(readLineBatches(chunksOf('short\n', 'x'.repeat(8), 'x'.repeat(8), 'x\nafter\n'), 10));
  expect(lines).toEqual([
    { number: 1, text: 'short', bytes: 5, terminated: true },
    { number: 2, text: null, bytes: 17, terminated: true },
    { number: 3, text: 'after', bytes: 5, terminated: true },
  ]);
});
