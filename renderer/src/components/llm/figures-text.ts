// How an LLM stream's figures read: durations, rates, token counts, and whether the longest gap
// between chunks is a stall worth pointing at. Shared by the figures beside the answer and the run
// history's table.

import type { LlmGaps, LlmUsage } from '../../../../main/common/llm-answer.ts';
import { formatCount } from '../../lib/format/size-format.ts';
import { formatDuration } from '../../lib/format/time-format.ts';

/** A duration, or "—" when there is none. */
export function msText(ms: number | null): string {
  return ms === null ? '—' : formatDuration(ms);
}

export function countText(count: number | null): string {
  return count === null ? '—' : formatCount(count);
}

export function rateText(perSecond: number | null, unit: string): string {
  return perSecond === null ? '—' : `${perSecond.toFixed(perSecond < 100 ? 1 : 0)} ${unit}`;
}

/** "120 in · 340 out": the tokens a run reported; "—" when none. */
export function tokensText(usage: LlmUsage | null): string {
  if (!usage || (usage.input === null && usage.output === null)) return '—';
  return `${countText(usage.input)} in · ${countText(usage.output)} out`;
}

/** A stall: the longest gap is over a second and at least five times the median one. */
export const STALL_MS = 1000;

export function isStall(gaps: LlmGaps): boolean {
  return gaps.max !== null && gaps.max >= STALL_MS && (gaps.p50 === null || gaps.max >= 5 * Math.max(gaps.p50, 1));
}
