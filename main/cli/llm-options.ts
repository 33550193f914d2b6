// Turns the `llm` command line into checked settings: a request to send once (a URL), or a
// recording to read (a capture id or file); the stream format; JSON output. Mistakes become
// UsageErrors (exit 2) before anything is sent. The request options are capture's (capture-options.ts).

import type { LlmFormat } from '../common/llm-format.ts';
import { parseLlmFormat } from '../common/llm-format.ts';
import type { TlsOptions } from '../core/sse/node-fetch.ts';
import { checkUrl, parseHeaders, readData, resolveMethod, tlsOptions } from './capture-options.ts';
import { UsageError } from './command-exit.ts';
import { capturesFolderFor } from './data-dir-option.ts';

/** The options as commander hands them over. */
export interface LlmFlags {
  method?: string;
  header?: string[];
  data?: string;
  format?: string;
  json?: boolean;
  insecure?: boolean;
  ca?: string;
  dataDir?: string;
}

export interface LlmRequest {
  url: string;
  method: string;
  /** Header names lower-case. */
  headers: Record<string, string>;
  body?: string;
  tls: TlsOptions;
}

export type LlmSource = { kind: 'request'; request: LlmRequest } | { kind: 'capture'; capture: string; capturesFolder: string };

export interface LlmSettings {
  source: LlmSource;
  format: LlmFormat;
  /** --json: one JSON object at the end instead of the answer as it arrives. */
  json: boolean;
}

/** "scheme://": the argument is a URL (checked as one), anything else names a capture. */
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function resolveLlmSettings(target: string, flags: LlmFlags): LlmSettings {
  const parsed = parseLlmFormat(flags.format ?? 'auto');
  if (!parsed.ok) throw new UsageError(`--format: ${parsed.problem}`);
  const settings = { format: parsed.format, json: flags.json === true };
  if (!URL_LIKE.test(target)) {
    const requestOptions = [
      flags.method && '-X',
      flags.header?.length && '-H',
      flags.data !== undefined && '-d',
      flags.insecure && '--insecure',
      flags.ca && '--ca',
    ].filter(Boolean);
    if (requestOptions.length > 0) {
      throw new UsageError(`${requestOptions.join(', ')} shape a request to send: give a URL, not a capture`);
    }
    return { ...settings, source: { kind: 'capture', capture: target, capturesFolder: capturesFolderFor(flags.dataDir) } };
  }
  const body = flags.data === undefined ? undefined : readData(flags.data);
  const request: LlmRequest = {
    url: checkUrl(target),
    method: resolveMethod(flags.method, body !== undefined),
    headers: parseHeaders(flags.header ?? []),
    tls: tlsOptions(flags),
  };
  if (body !== undefined) request.body = body;
  return { ...settings, source: { kind: 'request', request } };
}
