// The export formats by name, apart from their encoders (export-formats.ts), so that what only
// lists or checks a format (the CLI's --format choices) does not load the CSV library.

export const EXPORT_FORMATS = ['ndjson', 'json', 'csv', 'sse'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file name extension a format is usually saved with. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  ndjson: '.ndjson',
  json: '.json',
  csv: '.csv',
  sse: '.sse',
};
