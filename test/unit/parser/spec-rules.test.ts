// Our parser against the WHATWG event-stream rules, one named case per rule (spec-cases.ts), each
// run through many chunkings of the same bytes: 1-byte chunks, cuts inside CRLF, inside multi-byte
// characters and inside the BOM, and random cuts from a printed seed.

import { describe, expect, test } from 'vitest';
import { baseSeed, sameForEveryChunking, seedFor } from '../../helpers/chunking.ts';
import { parseChunks, SPEC_CASES } from './spec-cases.ts';

const SEED = baseSeed(20240611);

describe(`spec rules, each under many chunkings (seed ${SEED})`, () => {
  for (const c of SPEC_CASES) {
    test(c.name, () => {
      const result = sameForEveryChunking(c.input, seedFor(c.name, SEED), (chunks) => parseChunks(chunks));
      expect(result.records).toEqual(c.records);
      if (c.lastEventId !== undefined) expect(result.lastEventId).toBe(c.lastEventId);
    });
  }
});
