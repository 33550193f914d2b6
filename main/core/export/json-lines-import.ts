// Reads records back from NDJSON (one record per line: capture files and NDJSON exports) and from
// the JSON array export (one record per line between "[" and "]"), line by line, so a file of any
// size is read in bounded memory. Lines that are not records are skipped with a notice. Records
// come in batches (those of one chunk of the file), so that reading costs one await per chunk.

import type { SseRecord } from '../../common/records.ts';
import type { NoticeList } from './import-notices.ts';
import type { TextLine } from './read-lines.ts';
import { checkRecord } from './record-schema.ts';
import { messageOf } from '../../common/error-message.ts';

export type JsonLayout = 'ndjson' | 'json';

export async function* jsonLineRecordBatches(
  lineBatches: AsyncIterable<TextLine[]>,
  layout: JsonLayout,
  notices: NoticeList,
): AsyncGenerator<SseRecord[]> {
  let lastSeq = 0;
  let arrayClosed = false;
  for await (const lines of lineBatches) {
    const records: SseRecord[] = [];
    for (const line of lines) {
      if (line.text === null) {
        notices.add(`Line of ${line.bytes} bytes is longer than the import limit; skipped`, line.number);
        continue;
      }
      let text = line.text;
      if (line.number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (layout === 'json') {
        const body = arrayLineBody(text);
        text = body.text;
        if (body.closes) arrayClosed = true;
      }
      if (text.trim() === '') continue;

      let values: unknown[];
      try {
        values = parseLine(text, layout);
      } catch (error) {
        notices.add(
          line.terminated
            ? `Not valid JSON (${messageOf(error)}); skipped`
            : 'The file ends in the middle of this line (it was cut off); the partial record was skipped',
          line.number,
        );
        continue;
      }
      for (const value of values) {
        const check = checkRecord(value);
        if (!check.ok) {
          notices.add(`Not a record (${check.problem}); skipped`, line.number);
          continue;
        }
        // Records keep the numbers they were captured with (a selection has gaps); the order must
        // still be strictly increasing, as the store and every range query assume.
        if (check.record.seq <= lastSeq) {
          notices.add(`Record seq ${check.record.seq} does not follow seq ${lastSeq}; skipped`, line.number);
          continue;
        }
        lastSeq = check.record.seq;
        records.push(check.record);
      }
    }
    if (records.length > 0) yield records;
  }
  if (layout === 'json' && !arrayClosed) notices.add('The JSON array is not closed: the file was cut off');
}

function parseLine(text: string, layout: JsonLayout): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch (error) {
    // A compact array written on one line ("[{...},{...}]") arrives here as "{...},{...}".
    if (layout !== 'json' || !text.includes('},')) throw error;
    try {
      return JSON.parse(`[${text}]`) as unknown[];
    } catch {
      throw error; // the first message points at the real problem
    }
  }
}

/** The element text of one line of a JSON array, without the brackets and separating commas. */
function arrayLineBody(line: string): { text: string; closes: boolean } {
  let text = line.trim();
  if (text.startsWith('[')) text = text.slice(1).trim();
  let closes = false;
  if (text.endsWith(']')) {
    // An element is an object, so a final "]" always belongs to the array.
    text = text.slice(0, -1).trim();
    closes = true;
  }
  if (text.startsWith(',')) text = text.slice(1).trim();
  if (text.endsWith(',')) text = text.slice(0, -1).trim();
  return { text, closes };
}
