// The recorded LLM streams of test/fixtures/llm/, and the way from their bytes to the answer:
// bytes (in any chunking) -> the engine's parser (event stream or NDJSON) -> event records -> a
// merger. Shared by the merge, detection and session tests.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LlmAnswer } from '../../main/common/llm-answer.ts';
import type { BodyFraming, EventRecord } from '../../main/common/records.ts';
import { createLlmMerger } from '../../main/core/llm/auto-merger.ts';
import { parseLlmFormat } from '../../main/common/llm-format.ts';
import { EventStreamParser, type ParserSink } from '../../main/core/sse/event-stream-parser.ts';
import { NdjsonParser } from '../../main/core/sse/ndjson-parser.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/llm');

export function fixtureBytes(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function framingOf(name: string): BodyFraming {
  return name.endsWith('.ndjson') ? 'ndjson' : 'sse';
}

/** The events the engine's parser makes of the chunks, numbered from 1, one millisecond apart. */
export function eventsOf(chunks: readonly Uint8Array[], framing: BodyFraming): EventRecord[] {
  const events: EventRecord[] = [];
  const sink: ParserSink = {
    event: (type, data, lastEventId, id, size) =>
      events.push({
        seq: events.length + 1,
        time: events.length,
        kind: 'event',
        type,
        data,
        lastEventId,
        ...(id === undefined ? {} : { id }),
        size,
      }),
    comment: () => {},
    retry: () => {},
  };
  const limits = { maxLineBytes: 1 << 20, maxEventBytes: 1 << 20 };
  const parser = framing === 'ndjson' ? new NdjsonParser(sink, limits) : new EventStreamParser(sink, limits);
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return events;
}

/** Merges the events with the format setting (`auto` by default). */
export function mergeEvents(events: readonly EventRecord[], format = 'auto'): LlmAnswer {
  const parsed = parseLlmFormat(format);
  if (!parsed.ok) throw new Error(parsed.problem);
  const merger = createLlmMerger(parsed.format);
  for (const event of events) merger.add(event);
  return merger.snapshot();
}

/** The bytes with `block` put in before the `at`-th event block (0-based) of an event stream or NDJSON body. */
export function insertBlock(bytes: Buffer, framing: BodyFraming, at: number, block: string): Buffer {
  const text = bytes.toString('utf8');
  const separator = framing === 'ndjson' ? '\n' : text.includes('\r\n\r\n') ? '\r\n\r\n' : '\n\n';
  const blocks = text.split(separator);
  blocks.splice(at, 0, block);
  return Buffer.from(blocks.join(separator));
}
