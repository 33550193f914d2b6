// The optional sidecar `<export>.meta.json`: which connection a session came from. It is written
// only when the caller passes the metadata, never inside the export itself (an NDJSON line that
// is not a record would break "NDJSON is the record shape"), and with secrets redacted unless the
// user asked to include them.

import { basename } from 'node:path';
import type { ExportFormat } from './export-formats.ts';
import { redactHeaders, redactUrl } from './redact-secrets.ts';
import { writeFileAtomically } from './temp-file.ts';

/** The request a session was captured from. */
export interface ExportMetadata {
  /** The saved connection's name, when it has one. */
  name?: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
}

export interface ExportSummary {
  format: ExportFormat;
  records: number;
  bytes: number;
}

export function metadataPathFor(exportPath: string): string {
  return `${exportPath}.meta.json`;
}

/** The sidecar's content (exposed for tests and for an app that shows it before saving). */
export function metadataDocument(
  exportPath: string,
  summary: ExportSummary,
  metadata: ExportMetadata,
  includeSecrets: boolean,
  exportedAt: Date = new Date(),
): object {
  const headers = metadata.headers ?? {};
  return {
    file: basename(exportPath),
    format: summary.format,
    records: summary.records,
    bytes: summary.bytes,
    exportedAt: exportedAt.toISOString(),
    secretsRedacted: !includeSecrets,
    connection: {
      ...(metadata.name === undefined ? {} : { name: metadata.name }),
      url: includeSecrets ? metadata.url : redactUrl(metadata.url),
      method: (metadata.method ?? 'GET').toUpperCase(),
      headers: includeSecrets ? { ...headers } : redactHeaders(headers),
    },
  };
}

export async function writeMetadataSidecar(
  exportPath: string,
  summary: ExportSummary,
  metadata: ExportMetadata,
  includeSecrets: boolean,
): Promise<string> {
  const path = metadataPathFor(exportPath);
  const document = metadataDocument(exportPath, summary, metadata, includeSecrets);
  await writeFileAtomically(path, JSON.stringify(document, null, 2) + '\n');
  return path;
}
