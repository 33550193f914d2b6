// HAR files (saved from a browser's DevTools or a proxy) as connections, and the event streams
// they recorded as captures. Format: HAR 1.2, http://www.softwareishard.com/blog/har-12-spec/
//
// A page's HAR holds far more than API calls: documents, scripts, styles, images and fonts (by
// Chrome's _resourceType, or by the response's type), CORS preflights and requests to non-HTTP
// URLs are left out and counted; a request repeated with the same method, URL and body is imported
// once. Requests are grouped by host under a folder named after the file.
//
// An event-stream response body (text, or base64 as proxies often write it) is read with the
// engine's own parser into an offline capture: an `open` record with the status, headers and time
// to first byte the HAR gives, then the events. A HAR has no time per event, so every event gets
// the time the response ended (the latest moment it can have arrived), as a .sse file import does.

import { z } from 'zod';
import type { CaptureDraft } from '../../../common/import-preview.ts';
import type { SseRecord } from '../../../common/records.ts';
import { eventStreamRecords } from '../../export/event-stream-import.ts';
import { NoticeList } from '../../export/import-notices.ts';
import type { ImportNotes } from './import-notes.ts';
import { ImportParts } from './import-parts.ts';
import { LooseText } from './loose-text.ts';
import { addContentType, toConnection, type RequestDraft } from './request-draft.ts';
import { formEncode } from './templates.ts';

const Pair = z.looseObject({ name: z.string(), value: LooseText.default('') });
const Milliseconds = z.number().optional();

const Entry = z.looseObject({
  startedDateTime: z.string(),
  time: z.number().optional(),
  _resourceType: z.string().optional(),
  request: z.looseObject({
    method: z.string(),
    url: z.string(),
    headers: z.array(Pair).default([]),
    postData: z.looseObject({ mimeType: z.string().optional(), text: z.string().optional(), params: z.array(Pair).optional() }).optional(),
  }),
  response: z
    .looseObject({
      status: z.number().optional(),
      headers: z.array(Pair).default([]),
      content: z.looseObject({ mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional() }).optional(),
    })
    .optional(),
  timings: z
    .looseObject({ blocked: Milliseconds, dns: Milliseconds, connect: Milliseconds, send: Milliseconds, wait: Milliseconds })
    .optional(),
});
type Entry = z.infer<typeof Entry>;

export const HarSchema = z.looseObject({ log: z.looseObject({ entries: z.array(Entry) }) });
export type Har = z.infer<typeof HarSchema>;

/** Chrome's _resourceType values of what a page loads for itself. */
const PAGE_RESOURCES = new Set([
  'document',
  'stylesheet',
  'script',
  'image',
  'media',
  'font',
  'manifest',
  'texttrack',
  'ping',
  'preflight',
]);
/** The same, by the response's type, for HAR files without _resourceType (Firefox, proxies). */
const PAGE_CONTENT = /^(text\/(html|css|javascript)|image\/|font\/|audio\/|video\/|application\/(javascript|x-javascript|font|wasm))/i;

export async function importHar(har: Har, fileName: string, notes: ImportNotes): Promise<ImportParts> {
  const parts = new ImportParts();
  const top =
    fileName
      .replace(/\.har$/i, '')
      .split('/')
      .at(-1) || 'HAR import';
  const seen = new Set<string>();
  let pageResources = 0;
  let preflights = 0;
  let repeated = 0;
  for (const entry of har.log.entries) {
    const { request } = entry;
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      notes.add(`A request to "${request.url.slice(0, 80)}" was left out: its URL is not valid.`);
      continue;
    }
    if (url.protocol === 'ws:' || url.protocol === 'wss:') {
      notes.about('WebSocket connections are not brought over', request.url.slice(0, 80), '', '');
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue; // data:, blob:, extensions
    const method = request.method.toUpperCase();
    const mimeType = entry.response?.content?.mimeType ?? '';
    if (method === 'OPTIONS' && entry._resourceType !== 'fetch' && entry._resourceType !== 'xhr') {
      preflights++;
      continue;
    }
    if (PAGE_RESOURCES.has(entry._resourceType ?? '') || (entry._resourceType === undefined && PAGE_CONTENT.test(mimeType))) {
      pageResources++;
      continue;
    }

    const draft = requestDraft(entry, url, top);
    if (isEventStream(entry)) {
      const capture = await captureOf(entry, draft.name);
      if (capture) parts.captures.push(capture);
      else notes.about('The HAR file holds no body for these event streams, so no capture was made', draft.name, '', '');
    }
    const key = `${method} ${request.url}\n${draft.body ?? ''}`;
    if (seen.has(key)) {
      repeated++;
      continue;
    }
    seen.add(key);
    const connection = toConnection(draft, notes);
    if (connection) parts.connections.push(connection);
  }
  if (pageResources > 0)
    notes.add(`${count(pageResources, 'request')} for pages, scripts, styles, images and fonts ${were(pageResources)} left out.`);
  if (preflights > 0) notes.add(`${count(preflights, 'CORS preflight request')} (OPTIONS) ${were(preflights)} left out.`);
  if (repeated > 0) notes.add(`${count(repeated, 'repeated request')} (same method, URL and body) ${were(repeated)} imported once.`);
  return parts;
}

function requestDraft(entry: Entry, url: URL, top: string): RequestDraft {
  const { request } = entry;
  const draft: RequestDraft = {
    name: `${request.method.toUpperCase()} ${url.pathname}`,
    folder: [top, url.host],
    method: request.method,
    url: request.url,
    headers: request.headers.map((header) => ({ name: header.name, value: header.value, enabled: true })),
  };
  const postData = request.postData;
  if (postData?.text) draft.body = postData.text;
  else if (postData?.params?.length) draft.body = formEncode(postData.params);
  if (draft.body !== undefined) addContentType(draft, postData?.mimeType ?? '');
  return draft;
}

function isEventStream(entry: Entry): boolean {
  const type =
    entry.response?.content?.mimeType ?? entry.response?.headers.find((header) => header.name.toLowerCase() === 'content-type')?.value;
  return /^\s*text\/event-stream\b/i.test(type ?? '');
}

async function captureOf(entry: Entry, name: string): Promise<CaptureDraft | null> {
  const content = entry.response?.content;
  if (!content?.text) return null;
  const bytes = Buffer.from(content.text, content.encoding === 'base64' ? 'base64' : 'utf8');
  const started = Date.parse(entry.startedDateTime);
  const timings = entry.timings ?? {};
  // [HAR] -1 (or absent) means the phase does not apply; ssl time is already inside connect.
  const phase = (ms: number | undefined) => (ms !== undefined && ms > 0 ? ms : 0);
  const beforeWait = phase(timings.blocked) + phase(timings.dns) + phase(timings.connect) + phase(timings.send);
  const openedAt = Math.round(started + beforeWait + phase(timings.wait));
  const endedAt = entry.time !== undefined && entry.time >= 0 ? Math.round(started + entry.time) : openedAt;

  const headers: Record<string, string> = {};
  for (const header of entry.response?.headers ?? []) {
    if (!header.name.startsWith(':')) headers[header.name.toLowerCase()] = header.value;
  }
  const records: SseRecord[] = [
    {
      seq: 1,
      time: openedAt,
      kind: 'open',
      status: entry.response?.status ?? 200,
      headers,
      url: entry.request.url,
      ttfbMs: Math.round(phase(timings.send) + phase(timings.wait)),
      attempt: 1,
    },
  ];
  const notices = new NoticeList();
  for await (const record of eventStreamRecords(single(bytes), endedAt, notices)) records.push({ ...record, seq: record.seq + 1 });
  notices.finish();
  return {
    name: `${name} · ${entry.startedDateTime}`,
    url: entry.request.url,
    records,
    notices: notices.notices.map((notice) => notice.message),
  };
}

async function* single(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function were(n: number): string {
  return n === 1 ? 'was' : 'were';
}
