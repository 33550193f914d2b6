// The text blocks an answer view shows (the answer, each choice's text, the reasoning), each with
// the part and choice of the answer it shows and its source text, so that a selection anywhere in
// the view becomes the events it came from, and an event becomes marks on what it added, over
// every block at once (answer-map.ts does the mapping).

import type { LlmContribution } from '../../../../main/common/llm-answer.ts';
import { domRangesOf, mapTextNodes, seqsIn, showHighlight, sourceRangeOf, type TextSpan } from './answer-map.ts';

export interface AnswerBlock {
  element: HTMLElement;
  part: TextSpan['part'];
  choice: number;
  /** The source text the element shows (the Markdown, in Markdown mode). */
  source: string;
}

/** The CSS highlight the marks of the selected event are drawn with (::highlight(answer-event)). */
export const EVENT_HIGHLIGHT = 'answer-event';

export class AnswerBlocks {
  readonly #blocks = new Set<AnswerBlock>();

  /** Adds a block; the returned function removes it. */
  add(block: AnswerBlock): () => void {
    this.#blocks.add(block);
    return () => this.#blocks.delete(block);
  }

  /** Whether a node is inside one of the blocks. */
  contains(node: Node | null): boolean {
    if (!node) return false;
    for (const block of this.#blocks) if (block.element.contains(node)) return true;
    return false;
  }

  /** The events the selected text came from, over every block the range touches. */
  seqsOf(range: Range, contributions: readonly LlmContribution[]): number[] {
    const seqs = new Set<number>();
    for (const block of this.#blocks) {
      if (!range.intersectsNode(block.element)) continue;
      const covered = sourceRangeOf(range, mapTextNodes(block.element, block.source));
      if (!covered) continue;
      for (const seq of seqsIn(contributions, { part: block.part, choice: block.choice, ...covered })) seqs.add(seq);
    }
    return [...seqs].sort((a, b) => a - b);
  }

  /** Marks what the spans cover in the blocks that show them; returns the first mark (to scroll to), if any. */
  mark(spans: readonly TextSpan[]): Range | null {
    const ranges: Range[] = [];
    for (const block of this.#blocks) {
      const own = spans.filter((span) => span.part === block.part && span.choice === block.choice);
      if (own.length === 0) continue;
      const mapped = mapTextNodes(block.element, block.source);
      for (const span of own) ranges.push(...domRangesOf(mapped, span.start, span.end));
    }
    showHighlight(EVENT_HIGHLIGHT, ranges);
    return ranges[0] ?? null;
  }

  clearMarks(): void {
    showHighlight(EVENT_HIGHLIGHT, []);
  }
}
