// Where a timeline row marks search matches: in its type, id and preview columns. Records on a
// loaded page of results use the ranges the main process found; other rows ask the same matcher
// here (see text-highlight.ts). Ranges in the data are mapped onto the collapsed preview.

import type { FieldMatch, SseRecord } from '../../../../main/contract.ts';
import { collapse, summarize } from '../format/record-preview.ts';
import { mapRangesToPreview, type QueryHighlighter, type Range } from './text-highlight.ts';

export interface RowHighlight {
  type: Range[];
  id: Range[];
  preview: Range[];
}

export const NO_HIGHLIGHT: RowHighlight = { type: [], id: [], preview: [] };

/**
 * `markType`: whether type matches are marked; off when only a type chip asked for the type (it
 * would mark every row of a filtered view).
 */
export function rowHighlight(
  record: SseRecord,
  exact: FieldMatch[] | undefined,
  highlighter: QueryHighlighter,
  markType = true,
): RowHighlight {
  const summary = summarize(record);
  const matches = exact ?? highlighter.record(record);
  const rangesOf = (field: FieldMatch['field']) => (matches.find((match) => match.field === field)?.ranges ?? []) as Range[];
  let preview: Range[] = [];
  if (summary.previewField !== null) {
    const ranges = rangesOf(summary.previewField);
    const source = record.kind === 'event' ? record.data : record.kind === 'comment' ? record.text : '';
    if (ranges.length > 0) preview = mapRangesToPreview(ranges, collapse(source).sources);
  } else {
    preview = highlighter.data(summary.preview);
  }
  return { type: markType ? rangesOf('type') : [], id: rangesOf('id'), preview };
}
