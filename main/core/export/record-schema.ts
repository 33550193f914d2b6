// The schema of a record as it appears in a capture or an export file, for checking what an
// import reads before it becomes a record. Unknown fields are kept: records.ts promises that
// later versions add fields, and an import must not drop them.

import { z } from 'zod';
import type { SseRecord } from '../../common/records.ts';

const base = {
  seq: z.number().int().positive(),
  // Within the range of a JavaScript Date (exports print times as ISO 8601).
  time: z.number().min(-8.64e15).max(8.64e15),
};
const count = z.number().int().nonnegative();

// What the parser can produce, and so what a capture can hold: no line breaks in a field that was
// one line (a crafted file must not smuggle extra lines into a text/event-stream re-export), no CR
// in data (its lines are joined with LF), no NUL in an id (the spec ignores such ids).
const without = (chars: string[], message: string) => z.string().refine((s) => !chars.some((c) => s.includes(c)), message);
const oneLine = without(['\r', '\n'], 'must not contain a line break');
const idText = without(['\r', '\n', '\0'], 'must not contain a line break or NUL');
const dataText = without(['\r'], 'must not contain CR (data lines are joined with LF)');

const recordSchema = z.discriminatedUnion('kind', [
  z.looseObject({
    ...base,
    kind: z.literal('event'),
    type: without(['\r', '\n'], 'must not contain a line break').min(1),
    data: dataText,
    lastEventId: idText,
    id: idText.optional(),
    size: count,
  }),
  z.looseObject({ ...base, kind: z.literal('comment'), text: oneLine, size: count }),
  z.looseObject({ ...base, kind: z.literal('retry'), ms: count }),
  z.looseObject({
    ...base,
    kind: z.literal('open'),
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    url: z.string(),
    ttfbMs: z.number().nonnegative(),
    attempt: z.number().int().positive(),
    framing: z.enum(['sse', 'ndjson']).optional(),
  }),
  z.looseObject({
    ...base,
    kind: z.literal('error'),
    message: z.string(),
    status: z.number().int().optional(),
    body: z.string().optional(),
    retryInMs: z.number().nonnegative().optional(),
  }),
  z.looseObject({
    ...base,
    kind: z.literal('reconnect'),
    delayMs: z.number().nonnegative(),
    lastEventId: idText,
    reason: z.enum(['stream-ended', 'network-error', 'timeout', 'http-error', 'stream-error', 'restart']),
    attempt: z.number().int().positive(),
  }),
  z.looseObject({ ...base, kind: z.literal('closed'), reason: z.enum(['closed', 'no-content', 'failed', 'ended', 'limit']) }),
]);

export type RecordCheck = { ok: true; record: SseRecord } | { ok: false; problem: string };

/** Checks a parsed JSON value; the problem names the first field that is wrong. */
export function checkRecord(value: unknown): RecordCheck {
  const result = recordSchema.safeParse(value);
  if (result.success) return { ok: true, record: result.data as SseRecord };
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, problem: `${where}${issue.message}` };
}
