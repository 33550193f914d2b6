// One timeline's view state, kept per session so that switching tabs keeps its place: which rows
// are drawn (recomputed at most once per animation frame), the scroll offset in virtual pixels,
// follow mode and the "N new" count, and the selection (a focused row, plus an anchor for a
// Shift-extended range). Rows come from a RowSource: the whole session or the search matches.

import type { SseRecord } from '../../../../main/contract.ts';
import { FrameScheduler } from './frame-scheduler.ts';
import type { RowSource } from './row-source.ts';
import {
  clampVirtualTop,
  isScaled,
  maxVirtualTop,
  MAX_PHYSICAL_HEIGHT,
  physicalHeight,
  revealRow,
  ROW_HEIGHT,
  toPhysicalTop,
  toVirtualTop,
  visibleRange,
  type ScrollSpace,
} from './scroll-space.ts';

export interface TimelineRowView {
  index: number;
  /** The row's record; null while it loads or when it is gone. */
  record: SseRecord | null;
  state: 'ok' | 'loading' | 'gone';
  /** Milliseconds since the previous row's record; null when not known. */
  delta: number | null;
  /** Top of the row inside the scroller's content, px. */
  y: number;
  selected: boolean;
  focused: boolean;
}

/** Within this many px of the end counts as "at the bottom" (fractional scroll offsets). */
const BOTTOM_SLACK_PX = 2;

export class TimelineState {
  rows = $state.raw<TimelineRowView[]>([]);
  count = $state(0);
  /** Height of the scroller's content (the scrollbar's range). */
  physicalHeight = $state(0);
  /** Where the scroller should be; applied to the DOM when `scrollRequest` changes. */
  physicalTop = $state(0);
  /** Bumped when the view moves the scroller itself (follow, keyboard, wheel past the cap). */
  scrollRequest = $state(0);
  following = $state(true);
  /** Rows that arrived since following stopped. */
  newCount = $state(0);
  focusIndex = $state(-1);
  anchorIndex = $state(-1);
  focusSeq = $state<number | null>(null);

  #source: RowSource;
  #virtualTop = 0;
  #viewportHeight = 0;
  #countAtUnfollow = 0;
  #attached = false;
  /** A record to reveal once the view has a height (it was asked for before the view was drawn). */
  #pendingReveal: number | null = null;
  /** The DOM scroller must be moved to physicalTop in the next frame. */
  #moveScroller = true;
  readonly #frames = new FrameScheduler(() => this.#render());
  readonly #onFocusChange: (seq: number | null) => void;

  constructor(source: RowSource, onFocusChange: (seq: number | null) => void = () => {}) {
    this.#source = source;
    this.#onFocusChange = onFocusChange;
  }

  get source(): RowSource {
    return this.#source;
  }

  get virtualTop(): number {
    return this.#virtualTop;
  }

  get viewportHeight(): number {
    return this.#viewportHeight;
  }

  get scaled(): boolean {
    return isScaled(this.#space());
  }

  /** Rows a PageUp/PageDown moves. */
  get rowsPerPage(): number {
    return Math.max(1, Math.floor(this.#viewportHeight / ROW_HEIGHT) - 1);
  }

  /** A view draws this timeline now (its tab is shown). */
  get attached(): boolean {
    return this.#attached;
  }

  /** The view is on screen: render on changes. */
  attach(): void {
    this.#attached = true;
    this.#moveScroller = true;
    this.invalidate();
  }

  detach(): void {
    this.#attached = false;
    this.#frames.cancel();
  }

  /** Something changed (rows arrived, a page loaded): redraw in the next frame. */
  invalidate(): void {
    if (this.#attached) this.#frames.request();
  }

  /** Shows another source (all records / matches only), keeping the focused record if it is there. */
  setSource(source: RowSource): void {
    if (source === this.#source) return;
    this.#source = source;
    const index = this.focusSeq !== null ? source.indexOfSeq(this.focusSeq) : -1;
    this.focusIndex = index;
    this.anchorIndex = index;
    this.count = source.count;
    this.#countAtUnfollow = source.count;
    this.newCount = 0;
    if (!this.following) this.#virtualTop = index >= 0 ? this.#centered(index) : 0;
    this.#moveScroller = true;
    this.invalidate();
  }

  /** A new, empty timeline: top, following, nothing selected. */
  reset(): void {
    this.#virtualTop = 0;
    this.following = true;
    this.newCount = 0;
    this.#countAtUnfollow = 0;
    this.#setFocus(-1, -1, null);
    this.#moveScroller = true;
    this.invalidate();
  }

  setViewportHeight(height: number): void {
    if (height === this.#viewportHeight) return;
    this.#viewportHeight = height;
    this.invalidate();
    const pending = this.#pendingReveal;
    if (pending !== null && height > 0) this.revealSeq(pending);
  }

  /** The user moved the scrollbar (or scrolled natively): the scroller is already there. */
  scrolledTo(physicalTop: number): void {
    this.#moveTo(toVirtualTop(this.#space(), physicalTop), false);
  }

  /** Scrolls by virtual pixels (the wheel while the space is scaled). */
  scrollBy(deltaPx: number): void {
    this.#moveTo(this.#virtualTop + deltaPx, true);
  }

  /** "N new": back to the newest record, following again. */
  follow(): void {
    this.following = true;
    this.newCount = 0;
    this.#moveScroller = true;
    this.invalidate();
  }

  /** Selects a row; `extend` keeps the anchor (Shift). Scrolls it into view. */
  select(index: number, options: { extend?: boolean; reveal?: boolean } = {}): void {
    const count = this.#source.count;
    if (count === 0) return;
    const target = Math.min(Math.max(0, index), count - 1);
    const anchor = options.extend && this.anchorIndex >= 0 ? this.anchorIndex : target;
    this.#setFocus(target, anchor, this.#source.seqAt(target));
    if (options.reveal !== false) this.#reveal(target);
    this.invalidate();
  }

  /** Arrow keys and pages: from the focused row, or from the top row shown when none is. */
  move(step: number, extend = false): void {
    const from = this.focusIndex >= 0 ? this.focusIndex : Math.floor(this.#virtualTop / ROW_HEIGHT) - (step > 0 ? 1 : 0);
    this.select(from + step, { extend });
  }

  selectFirst(extend = false): void {
    this.select(0, { extend });
  }

  selectLast(extend = false): void {
    this.select(this.#source.count - 1, { extend });
    if (!extend) this.follow();
  }

  /** Selects the row of a seq (a search match), centred when it was out of view. */
  selectSeq(seq: number, indexHint = -1): void {
    const index = indexHint >= 0 ? indexHint : this.#source.indexOfSeq(seq);
    if (index < 0) {
      this.#setFocus(-1, -1, seq);
      return;
    }
    this.#setFocus(index, index, seq);
    const top = index * ROW_HEIGHT;
    if (top < this.#virtualTop || top + ROW_HEIGHT > this.#virtualTop + this.#viewportHeight) {
      this.#moveTo(this.#centered(index), true);
    }
    this.invalidate();
  }

  /**
   * Selects the record of a seq and holds the view on it, centred, no longer following the tail
   * (the jump to an alert's record). Before the view has a height, it waits for one.
   */
  revealSeq(seq: number): void {
    if (this.#viewportHeight === 0) {
      this.#pendingReveal = seq;
      this.#setFocus(-1, -1, seq); // the detail can show it already
      return;
    }
    this.#pendingReveal = null;
    this.selectSeq(seq);
    const index = this.#source.indexOfSeq(seq);
    if (index >= 0) this.#moveTo(this.#centered(index), true);
    if (this.following) {
      this.following = false;
      this.#countAtUnfollow = this.#source.count;
      this.newCount = 0;
    }
  }

  /** Inclusive row range of the selection; null when nothing is selected. */
  selectionRange(): { from: number; to: number } | null {
    if (this.focusIndex < 0) return null;
    const anchor = this.anchorIndex >= 0 ? this.anchorIndex : this.focusIndex;
    return { from: Math.min(anchor, this.focusIndex), to: Math.max(anchor, this.focusIndex) };
  }

  dispose(): void {
    this.detach();
  }

  #space(): ScrollSpace {
    return {
      rowCount: this.#source.count,
      viewportHeight: this.#viewportHeight,
      rowHeight: ROW_HEIGHT,
      maxPhysicalHeight: MAX_PHYSICAL_HEIGHT,
    };
  }

  #centered(index: number): number {
    return clampVirtualTop(this.#space(), index * ROW_HEIGHT - this.#viewportHeight / 2 + ROW_HEIGHT / 2);
  }

  #reveal(index: number): void {
    const top = revealRow(this.#space(), this.#virtualTop, index);
    if (top !== this.#virtualTop) this.#moveTo(top, true);
  }

  /** The one place the scroll offset changes; `moveScroller`: the DOM has to follow. */
  #moveTo(virtualTop: number, moveScroller: boolean): void {
    const space = this.#space();
    this.#virtualTop = clampVirtualTop(space, virtualTop);
    const atBottom = this.#virtualTop >= maxVirtualTop(space) - BOTTOM_SLACK_PX;
    if (atBottom !== this.following) {
      this.following = atBottom;
      this.#countAtUnfollow = space.rowCount;
      this.newCount = 0;
    }
    if (moveScroller) this.#moveScroller = true;
    this.invalidate();
  }

  #setFocus(index: number, anchor: number, seq: number | null): void {
    this.focusIndex = index;
    this.anchorIndex = anchor;
    if (seq !== this.focusSeq) {
      this.focusSeq = seq;
      this.#onFocusChange(seq);
    }
  }

  #render(): void {
    const source = this.#source;
    const space = this.#space();
    const count = space.rowCount;
    if (count !== this.count) {
      if (count < this.count) this.#countAtUnfollow = Math.min(this.#countAtUnfollow, count);
      this.count = count;
    }
    if (this.following) {
      this.#virtualTop = maxVirtualTop(space);
      this.newCount = 0;
    } else {
      this.#virtualTop = clampVirtualTop(space, this.#virtualTop);
      this.newCount = Math.max(0, count - this.#countAtUnfollow);
    }
    // The focused record may have moved rows (a store that dropped its oldest records).
    if (this.focusSeq !== null) {
      const index = source.indexOfSeq(this.focusSeq);
      if (index >= 0 && index !== this.focusIndex) {
        const shift = index - this.focusIndex;
        this.focusIndex = index;
        this.anchorIndex = this.anchorIndex >= 0 ? this.anchorIndex + shift : index;
      }
    }
    // Scaled, the scroller gets whole pixels, so rows placed against it do not shimmer by a
    // sub-pixel as the ratio changes with every new row.
    const physicalTop = isScaled(space) ? Math.round(toPhysicalTop(space, this.#virtualTop)) : toPhysicalTop(space, this.#virtualTop);
    const height = physicalHeight(space);
    if (height !== this.physicalHeight) this.physicalHeight = height;
    const moved = Math.abs(physicalTop - this.physicalTop) >= 0.5;
    if (moved) this.physicalTop = physicalTop;
    // The user's own scrolling already put the scroller there; everything else moves it.
    if (this.#moveScroller || (moved && (this.following || isScaled(space)))) this.scrollRequest++;
    this.#moveScroller = false;
    const { first, end } = visibleRange(space, this.#virtualTop);
    source.want(first, end);
    const offset = physicalTop - this.#virtualTop;
    const selection = this.selectionRange();
    const rows: TimelineRowView[] = [];
    let previous = first > 0 ? source.row(first - 1) : undefined;
    for (let index = first; index < end; index++) {
      const row = source.row(index);
      const record = typeof row === 'object' ? row : null;
      const before = typeof previous === 'object' ? previous : null;
      rows.push({
        index,
        record,
        state: record ? 'ok' : row === 'gone' ? 'gone' : 'loading',
        delta: record && before ? record.time - before.time : null,
        y: index * ROW_HEIGHT + offset,
        selected: selection !== null && index >= selection.from && index <= selection.to,
        focused: index === this.focusIndex,
      });
      previous = row;
    }
    this.rows = rows;
  }
}
