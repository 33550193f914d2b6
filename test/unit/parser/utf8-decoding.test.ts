// Invalid UTF-8 becomes U+FFFD exactly as the WHATWG UTF-8 decoder does it. TextDecoder (no
// fatal flag) is that decoder, so every value, type and comment must equal TextDecoder's decoding
// of the same bytes, under every chunking (a cut may fall inside any malformed sequence).

import { describe, expect, test } from 'vitest';
import { baseSeed, createRng, pick, randomInt, sameForEveryChunking, seedFor } from '../../helpers/chunking.ts';
import { bytes, parseChunks } from './spec-cases.ts';

const SEED = baseSeed(9_001);
// ignoreBOM: these are values inside a line, where a U+FEFF is content.
const whatwg = (value: readonly number[]): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(value));

const MALFORMED: Record<string, number[]> = {
  'a lone continuation byte': [0x80],
  'the byte FF': [0xff],
  'the byte F5 (no UTF-8 lead byte)': [0xf5, 0x80],
  'an overlong 2-byte form (C0 AF)': [0xc0, 0xaf],
  'an overlong 3-byte form (E0 80 AF)': [0xe0, 0x80, 0xaf],
  'an encoded surrogate (ED A0 80)': [0xed, 0xa0, 0x80],
  'a code point above U+10FFFF (F4 90 80 80)': [0xf4, 0x90, 0x80, 0x80],
  'a 3-byte character cut short, then ASCII': [0xe2, 0x82, 0x41],
  'a 4-byte character cut short, then a valid one': [0xf0, 0x9f, 0x98, 0xf0, 0x9f, 0x98, 0x80],
  'a lead byte at the end of the value': [0x61, 0xc2],
  'a U+FEFF inside a value is kept': [0xef, 0xbb, 0xbf, 0x61],
};

/** A stream carrying `value` as a data value, an event type and a comment. */
function streamWith(value: readonly number[]): Uint8Array {
  return bytes('event:', value, '\ndata:', value, '\n:', value, '\n\n');
}

function expectDecodedLikeTextDecoder(value: readonly number[], seed: number): void {
  const expected = whatwg(value);
  const result = sameForEveryChunking(streamWith(value), seed, (chunks) => parseChunks(chunks));
  expect(result.records).toEqual([
    { kind: 'comment', text: expected, size: value.length + 2 },
    { kind: 'event', type: expected === '' ? 'message' : expected, data: expected, lastEventId: '', size: 2 * value.length + 14 },
  ]);
}

describe(`invalid UTF-8 is replaced as TextDecoder does (seed ${SEED})`, () => {
  for (const [name, value] of Object.entries(MALFORMED)) {
    test(name, () => expectDecodedLikeTextDecoder(value, seedFor(name, SEED)));
  }

  test('a line break inside a multi-byte sequence ends the line and the sequence', () => {
    const input = bytes('data: ', [0xf0, 0x9f], '\ndata: ', [0xe2], '\r\n\r\n');
    const result = sameForEveryChunking(input, seedFor('line break inside', SEED), (chunks) => parseChunks(chunks));
    expect(result.records.map((r) => r.kind === 'event' && r.data)).toEqual([`${whatwg([0xf0, 0x9f])}\n${whatwg([0xe2])}`]);
  });

  test('random byte strings (no CR or LF) in values', () => {
    const rng = createRng(SEED);
    const interesting = [
      0x00, 0x20, 0x3a, 0x41, 0x7f, 0x80, 0x8f, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
    ];
    for (let i = 0; i < 200; i++) {
      const value: number[] = [];
      const length = randomInt(rng, 1, 12);
      while (value.length < length) {
        const byte = rng() < 0.6 ? pick(rng, interesting) : randomInt(rng, 0, 255);
        if (byte !== 0x0a && byte !== 0x0d && !(value.length === 0 && (byte === 0x20 || byte === 0x3a))) value.push(byte);
      }
      expectDecodedLikeTextDecoder(value, seedFor(`random #${i}`, SEED));
    }
  });
});
