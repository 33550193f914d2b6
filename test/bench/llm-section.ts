// Section: merging an LLM token stream. N OpenAI chat completion chunks (event records shaped as the
// Session makes them, about 200 bytes of JSON each) through the OpenAI chat merger, and through the
// whole per-session tracker (auto-detection, the answer and the figures, records in batches as a
// Session delivers them), against the peer every merger must pay for: JSON.parse of the same chunks.
// Run with --only llm.

import type { EventRecord, SseRecord } from '../../main/common/records.ts';
import { LlmTracker } from '../../main/core/llm/llm-tracker.ts';
import { OpenAiChatMerger } from '../../main/core/llm/openai-chat.ts';
import type { BenchSection, RunResult, RunSettings, ThroughputCase } from './bench-types.ts';
import { throughputTable } from './throughput-table.ts';
import { runInterleaved } from './timing.ts';

const TOKENS = [' the', ' stream', ' of', ' tokens', ',', ' ünï', 'code', ' ✓', ' and', ' more', '.', '\n\n', ' **bold**', ' `code`'];
/** Records per batch handed to the tracker: about what one network read of such chunks holds. */
const BATCH = 100;

interface Stream {
  records: EventRecord[];
  bytes: number;
  textLength: number;
}

let cached: { count: number; stream: Stream } | null = null;

/** `count` chunks: a role chunk, content chunks, a finish chunk, a usage chunk and [DONE]. */
function streamOf(count: number): Stream {
  if (cached?.count === count) return cached.stream;
  const base = { id: 'chatcmpl-AbC123dEf456', object: 'chat.completion.chunk', created: 1735787045, model: 'gpt-4o-mini-2024-07-18' };
  const chunk = (delta: object, finish: string | null = null) =>
    JSON.stringify({ ...base, system_fingerprint: 'fp_0ba0d124f1', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const records: EventRecord[] = [];
  let bytes = 0;
  let textLength = 0;
  const push = (data: string) => {
    records.push({
      seq: records.length + 1,
      time: 1735787045000 + records.length,
      kind: 'event',
      type: 'message',
      data,
      lastEventId: '',
      size: data.length + 8,
    });
    bytes += data.length + 8;
  };
  push(chunk({ role: 'assistant', content: '' }));
  for (let i = 0; records.length < count - 3; i++) {
    const token = TOKENS[i % TOKENS.length]!;
    textLength += token.length;
    push(chunk({ content: token }));
  }
  push(chunk({}, 'stop'));
  push(JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 20, completion_tokens: count - 4, total_tokens: count + 16 } }));
  push('[DONE]');
  cached = { count, stream: { records, bytes, textLength } };
  return cached.stream;
}

function result(stream: Stream, started: number): RunResult {
  return { events: stream.records.length, bytes: stream.bytes, ms: performance.now() - started };
}

const jsonParse: ThroughputCase<RunSettings> = {
  id: 'llm-json-parse',
  name: 'JSON.parse of each chunk (the peer)',
  async run(_ctx, count) {
    const stream = streamOf(count);
    const started = performance.now();
    let objects = 0;
    for (const record of stream.records) {
      if (record.data === '[DONE]') continue;
      if (typeof JSON.parse(record.data) === 'object') objects++;
    }
    const run = result(stream, started);
    if (objects !== stream.records.length - 1) throw new Error(`parsed ${objects} of ${stream.records.length - 1} chunks`);
    return run;
  },
};

const chatMerger: ThroughputCase<RunSettings> = {
  id: 'llm-openai-merger',
  name: 'OpenAiChatMerger.add, then the answer',
  async run(_ctx, count) {
    const stream = streamOf(count);
    const started = performance.now();
    const merger = new OpenAiChatMerger();
    for (const record of stream.records) merger.add(record);
    const answer = merger.snapshot();
    const run = result(stream, started);
    if (answer.text.length !== stream.textLength || !answer.ended || answer.malformedCount !== 0) throw new Error('wrong answer');
    return run;
  },
};

const tracker: ThroughputCase<RunSettings> = {
  id: 'llm-tracker',
  name: 'LlmTracker (auto-detect, answer, figures)',
  async run(_ctx, count) {
    const stream = streamOf(count);
    const records: SseRecord[] = stream.records;
    const started = performance.now();
    const llm = new LlmTracker();
    for (let i = 0; i < records.length; i += BATCH) llm.add(records.slice(i, i + BATCH));
    const answer = llm.answer();
    const figures = llm.figures(answer);
    const run = result(stream, started);
    if (answer.format !== 'openai-chat' || answer.text.length !== stream.textLength || figures.chunks !== records.length) {
      throw new Error('wrong answer or figures');
    }
    return run;
  },
};

export const llmSection: BenchSection = {
  title: 'LLM answer merging (OpenAI chat chunks, in memory)',
  async run(ctx) {
    const settings: RunSettings = { events: ctx.events, runs: ctx.runs, only: ctx.only };
    const outcomes = await runInterleaved([jsonParse, chatMerger, tracker], settings);
    cached = null;
    return {
      title: this.title,
      ...throughputTable(outcomes, [{ id: 'llm-json-parse', label: 'JSON.parse' }]),
      targets: [],
      notes: [
        'events/s here is chunks/s. Every merger parses each chunk: the ratio is what merging adds to that parse.',
        'The tracker case hands records over in batches of 100 and builds the answer and the figures once at the end.',
      ],
      failed: outcomes.some((o) => o.error !== null),
    };
  },
};
