// The parser's limits: a hostile or broken server gets a StreamLimitError, not an out-of-memory
// crash. A line over maxLineBytes (terminator excluded) and an event over maxEventBytes (its size)
// throw, however the bytes are chunked, and the parser never holds more than the line limit.

import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, test } from 'vitest';
import { EventStreamParser, StreamLimitError, type ParserLimits } from '../../../main/core/sse/event-stream-parser.ts';
import { baseSeed, sameForEveryChunking, seedFor } from '../../helpers/chunking.ts';
import { bytes, type ParsedRecord } from './spec-cases.ts';

const SEED = baseSeed(4_242);

interface Outcome {
  records: ParsedRecord[];
  /** The error's class name; its message counts "bytes so far", which depends on the chunks. */
  error: string | null;
}

function parseOrThrow(chunks: Uint8Array[], limits: ParserLimits): Outcome {
  const records: ParsedRecord[] = [];
  const parser = new EventStreamParser(
    {
      event: (type, data, lastEventId, id, size) =>
        records.push(
          id === undefined ? { kind: 'event', type, data, lastEventId, size } : { kind: 'event', type, data, lastEventId, id, size },
        ),
      comment: (text, size) => records.push({ kind: 'comment', text, size }),
      retry: (ms) => records.push({ kind: 'retry', ms }),
    },
    limits,
  );
  try {
    for (const chunk of chunks) parser.feed(chunk);
    parser.end();
    return { records, error: null };
  } catch (error) {
    if (!(error instanceof StreamLimitError)) throw error;
    return { records, error: error.name };
  }
}

function outcome(name: string, input: Uint8Array, limits: ParserLimits): Outcome {
  return sameForEveryChunking(input, seedFor(name, SEED), (chunks) => parseOrThrow(chunks, limits));
}

const events = (o: Outcome) => o.records.flatMap((r) => (r.kind === 'event' ? [r.data] : []));
const LINE: ParserLimits = { maxLineBytes: 64, maxEventBytes: 1 << 20 };

describe(`maxLineBytes (seed ${SEED})`, () => {
  test('a line one byte over the limit throws StreamLimitError, after the records before it', () => {
    const o = outcome('line over', bytes('data: ok\n\n', 'data: ', 'x'.repeat(59), '\n\n'), LINE);
    expect(o).toEqual({ records: [{ kind: 'event', type: 'message', data: 'ok', lastEventId: '', size: 10 }], error: 'StreamLimitError' });
  });

  test('a line of exactly the limit is accepted (the CRLF terminator is not counted)', () => {
    const o = outcome('line at limit', bytes('data: ', 'x'.repeat(58), '\r\n\r\n'), LINE);
    expect(o.error).toBeNull();
    expect(events(o)).toEqual(['x'.repeat(58)]);
  });

  test('the limit counts bytes, not characters', () => {
    const o = outcome('line bytes', bytes('data: ', 'é'.repeat(30), '\n\n'), LINE); // 36 characters, 66 bytes
    expect(o.error).toBe('StreamLimitError');
  });

  test('comments and unknown fields are lines like any other', () => {
    expect(outcome('comment over', bytes(':', 'c'.repeat(64), '\n'), LINE).error).toBe('StreamLimitError');
    expect(outcome('unknown over', bytes('x'.repeat(65), '\n'), LINE).error).toBe('StreamLimitError');
  });

  test('an unterminated line throws at the first byte past the limit, even in 1-byte chunks', () => {
    const parser = new EventStreamParser({ event() {}, comment() {}, retry() {} }, { maxLineBytes: 1024, maxEventBytes: 1 << 20 });
    const byte = bytes('x');
    for (let i = 0; i < 1024; i++) parser.feed(byte);
    expect(() => parser.feed(byte)).toThrow(StreamLimitError);
  });

  test('a long line fed in 1-byte chunks costs memory in proportion to its length', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const lineBytes = 1 << 20;
    const parser = new EventStreamParser(
      { event() {}, comment() {}, retry() {} },
      { maxLineBytes: 4 * lineBytes, maxEventBytes: 4 * lineBytes },
    );
    const used = () => {
      gc();
      const memory = process.memoryUsage();
      return memory.heapUsed + memory.arrayBuffers;
    };
    const before = used();
    const byte = bytes('x');
    for (let i = 0; i < lineBytes; i++) parser.feed(byte);
    const growth = used() - before;
    expect(parser.lastEventId).toBe(''); // keeps the parser, and its partial line, alive
    // One copy of the line plus growth slack; a chunk-per-piece list would take ~100 bytes a byte.
    expect(growth).toBeLessThan(4 * lineBytes);
  });
});

describe(`maxEventBytes (seed ${SEED})`, () => {
  const EVENT: ParserLimits = { maxLineBytes: 1 << 20, maxEventBytes: 100 };

  test('a block over the limit throws, though each line is short', () => {
    const line = `data: ${'x'.repeat(33)}\n`; // 40 bytes
    const o = outcome('event over', bytes('data: ok\n\n', line, line, line, '\n'), EVENT);
    expect(o).toEqual({ records: [{ kind: 'event', type: 'message', data: 'ok', lastEventId: '', size: 10 }], error: 'StreamLimitError' });
  });

  test('an event of exactly the limit (its size) dispatches; one byte more throws', () => {
    const exact = bytes('id: 1\r\n', `data: ${'x'.repeat(84)}\r\n`, '\r\n'); // 7 + 92 + 1 (blank line) = 100
    expect(outcome('event at limit', exact, EVENT).records).toEqual([
      { kind: 'event', type: 'message', data: 'x'.repeat(84), lastEventId: '1', id: '1', size: 100 },
    ]);
    const over = bytes('id: 1\r\n', `data: ${'x'.repeat(85)}\r\n`, '\r\n');
    expect(outcome('event over limit', over, EVENT).error).toBe('StreamLimitError');
  });

  test('comments inside a block do not count toward its size', () => {
    const o = outcome('event comments', bytes(`data: ${'x'.repeat(60)}\n`, ':', 'c'.repeat(80), '\n', 'data: y\n\n'), EVENT);
    expect(o.error).toBeNull();
    expect(events(o)).toEqual([`${'x'.repeat(60)}\ny`]);
  });
});
