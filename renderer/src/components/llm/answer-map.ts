// Between the answer as shown and the events behind it. The answer's contributions say which
// event added which [start, end) of the text (or the reasoning) of which choice; this maps them to
// and from what the page shows:
// - text selected in the answer -> the events whose contributions it overlaps (the timeline marks
//   them);
// - an event selected in the timeline -> the DOM ranges of what it added (marked with the CSS
//   Custom Highlight API, which changes no DOM).
// Each shown text node is placed in the source: in plain text mode the text is one node at offset
// 0, so the map is exact. In Markdown mode each rendered text node is looked for, in order, in the
// Markdown source (the rendered text of a paragraph, a list item or a code block appears there
// verbatim, between the markup); a node whose text the Markdown changed (an entity such as
// &amp;, a backslash escape) is not found and is left out of the map, and the rest stay exact.

import type { LlmAnswerPart, LlmContribution } from '../../../../main/common/llm-answer.ts';
import type { SseRecord } from '../../../../main/contract.ts';
import { summarize } from '../../lib/format/record-preview.ts';
import type { RowHighlight } from '../../lib/search/row-highlight.ts';

/** A stretch of one choice's text or reasoning. */
export interface TextSpan {
  part: Exclude<LlmAnswerPart, 'tool-arguments'>;
  choice: number;
  start: number;
  end: number;
}

/** A shown text node and where its text starts in the source. */
export interface MappedText {
  node: Text;
  start: number;
}

/** The events that added anything inside the span, in order, each once. */
export function seqsIn(contributions: readonly LlmContribution[], span: TextSpan): number[] {
  const seqs: number[] = [];
  for (const c of contributions) {
    if (c.part !== span.part || c.choice !== span.choice || c.end <= span.start || c.start >= span.end) continue;
    if (seqs[seqs.length - 1] !== c.seq && !seqs.includes(c.seq)) seqs.push(c.seq);
  }
  return seqs;
}

/** What one event added to any text or reasoning. */
export function spansOf(contributions: readonly LlmContribution[], seq: number): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const c of contributions) {
    if (c.seq === seq && c.part !== 'tool-arguments') spans.push({ part: c.part, choice: c.choice, start: c.start, end: c.end });
  }
  return spans;
}

/** Places each text node under `root` in `source`, in document order (see the top of the module). */
export function mapTextNodes(root: Node, source: string): MappedText[] {
  const mapped: MappedText[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let cursor = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const text = node.data;
    // Line breaks between blocks are the renderer's, not text: finding them would skip ahead.
    if (text.trim() === '') continue;
    const at = source.indexOf(text, cursor);
    if (at < 0) continue;
    mapped.push({ node, start: at });
    cursor = at + text.length;
  }
  return mapped;
}

/** The source offsets a DOM range covers, over the mapped nodes it touches; null when none. */
export function sourceRangeOf(range: Range, mapped: readonly MappedText[]): { start: number; end: number } | null {
  let start = Infinity;
  let end = -1;
  for (const { node, start: at } of mapped) {
    if (!range.intersectsNode(node)) continue;
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.data.length;
    if (to <= from) continue;
    start = Math.min(start, at + from);
    end = Math.max(end, at + to);
  }
  return end < 0 ? null : { start, end };
}

/** DOM ranges over what the mapped nodes show of [start, end) of the source. */
export function domRangesOf(mapped: readonly MappedText[], start: number, end: number): Range[] {
  const ranges: Range[] = [];
  for (const { node, start: at } of mapped) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + node.data.length);
    if (from >= to) continue;
    const range = document.createRange();
    range.setStart(node, from - at);
    range.setEnd(node, to - at);
    ranges.push(range);
  }
  return ranges;
}

/** Marks `ranges` under a highlight name (::highlight(name) in CSS); none clears it. */
export function showHighlight(name: string, ranges: readonly Range[]): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return; // an engine without the API: no marks
  if (ranges.length === 0) CSS.highlights.delete(name);
  else CSS.highlights.set(name, new Highlight(...ranges));
}

/** A timeline row of an event the selected answer text came from: its whole preview marked. */
export function contributingRow(record: SseRecord): RowHighlight {
  return { type: [], id: [], preview: [[0, summarize(record).preview.length]] };
}
