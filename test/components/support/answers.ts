// LLM answers as the main process pushes them, for mounting the answer view: event records made
// from chunk payloads, merged by the real tracker (main/core/llm runs in any process), and the
// SessionAnswerView a 'session:answer' push carries.

import type { SessionAnswerView, SseRecord } from '../../../main/contract.ts';
import { parseLlmFormat } from '../../../main/common/llm-format.ts';
import { LlmTracker } from '../../../main/core/llm/llm-tracker.ts';
import { BASE_TIME, eventRecord } from './records.ts';

/** An OpenAI chat chunk's data adding `content` (and `reasoning`) to choice `index`. */
export function chatChunk(content: string | null, extra: { reasoning?: string; index?: number; finish?: string } = {}): string {
  const delta: Record<string, string> = {};
  if (content !== null) delta.content = content;
  if (extra.reasoning !== undefined) delta.reasoning_content = extra.reasoning;
  return JSON.stringify({
    object: 'chat.completion.chunk',
    choices: [{ index: extra.index ?? 0, delta, finish_reason: extra.finish ?? null }],
  });
}

/** The records of a stream whose events carry these datas: an open record, the events (seq 2, 3, ...), and the end. */
export function streamRecords(datas: readonly string[], gapsMs: readonly number[] = []): SseRecord[] {
  const records: SseRecord[] = [
    {
      kind: 'open',
      seq: 1,
      time: BASE_TIME,
      status: 200,
      headers: {},
      url: 'http://127.0.0.1:9/v1/chat',
      ttfbMs: 40,
      attempt: 1,
      framing: 'sse',
    },
  ];
  let time = BASE_TIME + 80;
  datas.forEach((data, index) => {
    time += gapsMs[index] ?? 20;
    records.push({ ...eventRecord(index + 2, 'message', data), time });
  });
  return records;
}

export function answerView(records: readonly SseRecord[], options: { setting?: string; captureId?: string } = {}): SessionAnswerView {
  const setting = options.setting ?? 'auto';
  const parsed = parseLlmFormat(setting);
  if (!parsed.ok) throw new Error(parsed.problem);
  const tracker = new LlmTracker(parsed.format);
  tracker.add(records);
  const answer = tracker.answer();
  return {
    sessionId: 's-1',
    captureId: options.captureId ?? 'cap-1',
    setting: setting as SessionAnswerView['setting'],
    answer,
    figures: tracker.figures(answer),
  };
}
