// Random re-chunking of a byte stream, for tests that must get the same result however the bytes
// arrive. The PRNG is seeded so every failure reproduces: messages carry the seed, and the env
// variable SSE_TEST_SEED replaces the default seed to explore other chunkings.

import { expect } from 'vitest';
import { mulberry32, type Random } from '../../main/core/demo/seeded-random.ts';

/** A seeded PRNG (mulberry32, the demo feed's): returns floats in [0, 1). */
export type Rng = Random;
export const createRng: (seed: number) => Rng = mulberry32;

/** An integer in [min, max]. */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** The base seed of a test run: SSE_TEST_SEED when set, else the given default. */
export function baseSeed(fallback: number): number {
  const fromEnv = process.env.SSE_TEST_SEED;
  return fromEnv ? Number(fromEnv) >>> 0 : fallback;
}

/** A stable 32-bit seed for a name, so each named case gets its own chunkings. */
export function seedFor(name: string, base: number): number {
  let hash = 2166136261 ^ base;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** Cut `bytes` at the given offsets (sorted, duplicates give empty chunks). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of cuts) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/**
 * The offsets where a cut is most likely to break a parser: between the CR and LF of a CRLF, just
 * after any other CR (a lone CR ending a chunk), inside a multi-byte UTF-8 character, and inside a
 * leading byte order mark.
 */
export function trickyCuts(bytes: Uint8Array): number[] {
  const cuts: number[] = [];
  for (let i = 1; i < bytes.length; i++) {
    const previous = bytes[i - 1]!;
    const byte = bytes[i]!;
    if (previous === 0x0d)
      cuts.push(i); // inside CRLF, or right after a lone CR
    else if (byte >= 0x80 && byte < 0xc0 && previous >= 0x80) cuts.push(i); // inside a UTF-8 sequence
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb) cuts.push(1, 2); // inside the BOM
  return [...new Set(cuts)].sort((a, b) => a - b);
}

/** Random cuts: chunks of 1..maxChunk bytes, with an occasional empty chunk. */
export function randomChunks(bytes: Uint8Array, rng: Rng, maxChunk = 16, emptyChance = 0.05): Uint8Array[] {
  const cuts: number[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (rng() < emptyChance) cuts.push(at);
    at += randomInt(rng, 1, maxChunk);
    if (at < bytes.length) cuts.push(at);
  }
  return splitAt(bytes, cuts);
}

export interface Chunking {
  /** How the bytes were cut, for failure messages. */
  name: string;
  chunks: Uint8Array[];
}

/**
 * The chunkings every case runs through: whole, 1-byte chunks, every tricky cut at once, each tricky
 * cut alone (up to a bound), and `randomCount` random chunkings from `seed`.
 */
export function chunkings(bytes: Uint8Array, seed: number, randomCount = 24): Chunking[] {
  const all: Chunking[] = [
    { name: 'one chunk', chunks: [bytes] },
    { name: '1-byte chunks', chunks: splitAt(bytes, range(1, bytes.length)) },
  ];
  const tricky = trickyCuts(bytes);
  if (tricky.length > 0) {
    all.push({ name: `cut at every tricky offset (${tricky.join(',')})`, chunks: splitAt(bytes, tricky) });
    const doubled = tricky.flatMap((cut) => [cut, cut]);
    all.push({ name: `cut at every tricky offset, an empty chunk in each cut`, chunks: splitAt(bytes, doubled) });
    for (const cut of tricky.slice(0, 16)) all.push({ name: `cut at tricky offset ${cut}`, chunks: splitAt(bytes, [cut]) });
  }
  const rng = createRng(seed);
  for (let i = 0; i < randomCount; i++) {
    const chunks = randomChunks(bytes, rng, pick(rng, [2, 3, 5, 8, 32]));
    all.push({ name: `random chunking #${i} of seed ${seed}: lengths [${chunks.map((c) => c.length).join(',')}]`, chunks });
  }
  return all;
}

/**
 * Runs `parse` on the bytes cut every way `chunkings` gives and expects the same result each time.
 * Returns the result for the whole stream in one chunk, for the caller to check against the spec.
 */
export function sameForEveryChunking<T>(bytes: Uint8Array, seed: number, parse: (chunks: Uint8Array[]) => T): T {
  const [whole, ...others] = chunkings(bytes, seed);
  const reference = parse(whole!.chunks);
  for (const chunking of others) {
    expect(parse(chunking.chunks), `${chunking.name} (seed ${seed}; set SSE_TEST_SEED to vary)`).toEqual(reference);
  }
  return reference;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
