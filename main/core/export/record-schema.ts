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
  z.looseObject({
    ...base,
    kind: z.literal('closed'),
    reason: z.enum(['closed', 'no-content', 'failed', 'ended', 'limit']),
    message: z.string().optional(),
  }),
]);

export type RecordCheck = { ok: true; record: SseRecord } | { ok: false; problem: string };

/** Checks a parsed JSON value; the problem names the first field that is wrong. */
export function checkRecord(value: unknown): RecordCheck {
  const plain = plainRecord(value);
  if (plain) return { ok: true, record: plain };
  const result = recordSchema.safeParse(value);
  if (result.success) return { ok: true, record: result.data as SseRecord };
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, problem: `${where}${issue.message}` };
}

// The fast path for the records a capture is made of. An event or a comment written by this app
// has its fields in the order below and nothing else; for such a value, checked here by the same
// rules as the schema, the schema would return an equal object with its keys in the same order,
// so the value itself is the record. Anything else (another kind, another key order, an extra
// key, a bad field) goes through the schema, which also words the problem. The schema's parse
// was about half the time of an NDJSON import (`npm run bench -- --only export`).
const EVENT_KEYS = ['seq', 'time', 'kind', 'type', 'data', 'lastEventId', 'size'];
const EVENT_KEYS_WITH_ID = ['seq', 'time', 'kind', 'type', 'data', 'lastEventId', 'id', 'size'];
const COMMENT_KEYS = ['seq', 'time', 'kind', 'text', 'size'];

function plainRecord(value: unknown): SseRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const event = r.kind === 'event';
  if (!event && r.kind !== 'comment') return undefined;
  const keys = event ? (r.id === undefined ? EVENT_KEYS : EVENT_KEYS_WITH_ID) : COMMENT_KEYS;
  let i = 0;
  for (const key in r) if (key !== keys[i++]) return undefined;
  if (i !== keys.length) return undefined;
  if (!isCount(r.seq) || r.seq === 0 || !isTime(r.time) || !isCount(r.size)) return undefined;
  if (event) {
    const { type, data, lastEventId, id } = r;
    if (!isText(type) || type === '' || type.includes('\r') || type.includes('\n')) return undefined;
    if (!isText(data) || data.includes('\r')) return undefined;
    if (!isIdText(lastEventId) || (id !== undefined && !isIdText(id))) return undefined;
  } else if (!isText(r.text) || r.text.includes('\r') || r.text.includes('\n')) {
    return undefined;
  }
  return value as SseRecord;
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isIdText = (v: unknown) => isText(v) && !v.includes('\r') && !v.includes('\n') && !v.includes('\0');
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isTime = (v: unknown) => typeof v === 'number' && v >= -8.64e15 && v <= 8.64e15;
