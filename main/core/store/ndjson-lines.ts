// Serializes records as NDJSON lines, byte for byte what `JSON.stringify(record) + "\n"` per
// record gives, but with one JSON.stringify call per batch: per-call overhead is most of the cost
// of stringifying small records, and ingest has to keep up with a firehose.

import type { SseRecord } from '../../common/records.ts';

/** Between two records in a stringified array, when every record's first key is seq. */
const BOUNDARY = '},{"seq":';
const LINE_BREAK = '}\n{"seq":';

/**
 * `records` as NDJSON text (each line ends with LF). The array's text is split where one record
 * ends and the next begins: "},{" followed by a "seq" key. Inside a JSON string every quote is
 * escaped, so that text can only occur between objects; records are flat (headers hold strings
 * only), so between objects means between records. The split is checked: exactly one break per
 * pair of records (JSON.stringify never leaves a raw LF in its output), or it falls back to
 * stringifying one record at a time (a record whose first key is not seq, say).
 */
export function toNdjson(records: readonly SseRecord[]): string {
  if (records.length === 0) return '';
  if (records.length === 1) return JSON.stringify(records[0]) + '\n';
  const array = JSON.stringify(records);
  if (array.startsWith('[{"seq":')) {
    const text = array.slice(1, -1).replaceAll(BOUNDARY, LINE_BREAK);
    let breaks = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks++;
    if (breaks === records.length - 1) return text + '\n';
  }
  let text = '';
  for (const record of records) text += JSON.stringify(record) + '\n';
  return text;
}
