// The small JSON file beside each capture (`<id>.json`) that says what the capture is: its name,
// the connection it came from (and whether it was a request or a feed, the request as sent with
// its secrets masked, how its LLM stream is read), when it started and ended, its counts once it
// has ended, and a request run's figures once the run has ended. The
// records themselves stay pure NDJSON in `<id>.ndjson`, readable by anything that reads the CLI's
// output. While a capture records, a third file (`<id>.recording`) names the process recording
// it, so every process using the folder (the app, `sse-scope capture --save`) knows it is not
// finished; a mark whose process is gone (a crash) is stale and means nothing. The alerts raised
// while it recorded are kept beside it in `<id>.alerts.jsonl` (see monitor/alert-log.ts).

import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { OWNER_ONLY_FILE } from '../file-modes.ts';
import { isLive, ProcessMarkSchema, thisProcess, type ProcessMark } from '../process-marks.ts';
import type { RecordKind } from '../../common/records.ts';
import type { RunSummary } from '../../common/run-summary.ts';

export const CAPTURE_EXTENSION = '.ndjson';
export const META_EXTENSION = '.json';
export const RECORDING_EXTENSION = '.recording';
/** Not `.ndjson`: the folder's captures are the files that end so. */
export const ALERTS_EXTENSION = '.alerts.jsonl';

/** The request as it was sent, variables filled in and secrets masked (see app/sent-request.ts). */
const SentRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  body: z.string().nullable(),
});
export type StoredRequest = z.infer<typeof SentRequestSchema>;

const Count = z.number().nullable();
const RunSummarySchema = z.object({
  status: Count,
  closedReason: z.enum(['closed', 'no-content', 'failed', 'ended', 'limit']).nullable(),
  format: z.enum(['openai-chat', 'openai-responses', 'anthropic', 'gemini', 'ollama', 'text', 'jsonpath']).nullable(),
  ttfbMs: Count,
  ttftMs: Count,
  durationMs: Count,
  chunks: z.number(),
  gapMaxMs: Count,
  usage: z.object({ input: Count, output: Count, reasoning: Count, cached: Count }).nullable(),
  outputTokensPerSecond: Count,
  finishReason: z.string().nullable(),
  error: z.string().nullable(),
}) satisfies z.ZodType<RunSummary>;

/** A field added after version 1 of the meta file: absent in older files, and one that is wrong is dropped, not the meta. */
function added<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const MetaSchema = z.object({
  format: z.literal('sse-scope-capture'),
  version: z.literal(1),
  name: z.string(),
  connection: z.object({ id: z.string(), name: z.string() }).nullable(),
  url: z.string().nullable(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  records: z.number().nullable(),
  byKind: z.record(z.string(), z.number()).nullable(),
  kind: added(z.enum(['request', 'feed'])),
  /** The connection's LLM format setting when the capture started. */
  llmFormat: added(z.string()),
  request: added(SentRequestSchema),
  run: added(RunSummarySchema),
  /** Kept by the user (or saved on purpose, as `capture --save` does): the size cap never deletes it. */
  kept: z.boolean().optional(),
});

export type CaptureMeta = z.infer<typeof MetaSchema>;

export interface NewCapture {
  name: string;
  connection?: { id: string; name: string } | null;
  url?: string | null;
  kind?: 'request' | 'feed';
  llmFormat?: string;
  request?: StoredRequest;
  /** Saved on purpose: the size cap never deletes it. */
  kept?: boolean;
}

export function newMeta(capture: NewCapture, startedAt: number): CaptureMeta {
  return {
    format: 'sse-scope-capture',
    version: 1,
    name: checkName(capture.name),
    connection: capture.connection ?? null,
    url: capture.url ?? null,
    startedAt,
    endedAt: null,
    records: null,
    byKind: null,
    ...(capture.kind ? { kind: capture.kind } : {}),
    ...(capture.llmFormat ? { llmFormat: capture.llmFormat } : {}),
    ...(capture.request ? { request: capture.request } : {}),
    ...(capture.kept ? { kept: true } : {}),
  };
}

/** The counts a finished capture records in its meta file. */
export function withEnd(meta: CaptureMeta, endedAt: number, records: number, byKind: Record<RecordKind, number>): CaptureMeta {
  return { ...meta, endedAt, records, byKind: { ...byKind } };
}

/** A file-name-safe id that sorts by start time: 20240501-101500-123-a1b2c3. */
export function newCaptureId(startedAt: number): string {
  const stamp = new Date(startedAt).toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').replace('Z', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Ids name files in the captures folder: refuse anything that could point elsewhere. */
export function checkId(id: string): string {
  if (id.length > 200 || id.startsWith('.') || /[/\\\0]/.test(id)) throw new Error(`Invalid capture id ${JSON.stringify(id)}`);
  return id;
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('A capture name cannot be empty');
  if (trimmed.length > 200) throw new Error('A capture name can have at most 200 characters');
  return trimmed;
}

/** The meta file, or null when it is missing or unreadable (the capture is still listed). */
export async function readMeta(path: string): Promise<CaptureMeta | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = MetaSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Replaces the meta file in one step (write a temporary file, then rename over). */
export async function writeMeta(path: string, meta: CaptureMeta): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(meta, null, 2) + '\n', { mode: OWNER_ONLY_FILE });
  await rename(temporary, path);
}

/** Marks the capture as recording by this process; fails if a mark is there already. */
export async function writeRecordingMark(path: string): Promise<void> {
  await writeFile(path, JSON.stringify(thisProcess()) + '\n', { flag: 'wx', mode: OWNER_ONLY_FILE });
}

/** The process recording the capture, when one still runs; null when none does (or its mark is stale). */
export async function liveRecorder(path: string): Promise<ProcessMark | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  let parsed;
  try {
    parsed = ProcessMarkSchema.safeParse(JSON.parse(text));
  } catch {
    return null; // not a mark: marks are complete before their capture's records file exists
  }
  return parsed.success && isLive(parsed.data) ? parsed.data : null;
}

export async function removeRecordingMark(path: string): Promise<void> {
  await rm(path, { force: true });
}
