// Seeded random numbers for the demo feed: the same seed and key always give the same sequence,
// so the content of event N is fixed however the stream was cut into connections.

export type Random = () => number;

/** mulberry32: a tiny, well-known PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator for one (seed, key...) pair: keys are mixed in so neighbouring keys are unrelated. */
export function randomFor(seed: number, ...keys: number[]): Random {
  let hash = seed >>> 0;
  for (const key of keys) {
    hash = Math.imul(hash ^ (key >>> 0), 0x9e3779b1);
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  }
  return mulberry32(hash);
}

/** One item of a list, chosen by `random`. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
