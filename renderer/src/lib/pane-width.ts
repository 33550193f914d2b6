// The detail pane's width: what the user dragged or keyed it to, kept for the whole app in
// localStorage (every tab's pane opens at the same width, and so does the next launch), and the
// limits that keep both the pane and the timeline beside it usable in any window size.

/** The localStorage key (one per app, not per session). */
export const PANE_WIDTH_KEY = 'sse-scope:detail-pane-width';
export const DEFAULT_PANE_WIDTH = 420;
export const MIN_PANE_WIDTH = 260;
/** The timeline beside the pane keeps at least this much. */
export const MIN_TIMELINE_WIDTH = 360;
/** Arrow keys move the edge this far (Shift: the larger step). */
export const KEY_STEP = 16;
export const KEY_STEP_LARGE = 64;

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** The widest the pane may be beside a timeline in a container this wide. */
export function maxPaneWidth(containerWidth: number): number {
  return Math.max(MIN_PANE_WIDTH, Math.floor(containerWidth - MIN_TIMELINE_WIDTH));
}

/** A width within the limits for this container (the pane's minimum wins in a tiny window). */
export function clampPaneWidth(width: number, containerWidth: number): number {
  return Math.round(Math.min(maxPaneWidth(containerWidth), Math.max(MIN_PANE_WIDTH, width)));
}

/** The width the pane had when the app last closed it, or the default. */
export function loadPaneWidth(storage: StorageLike | null): number {
  try {
    const value = Number(storage?.getItem(PANE_WIDTH_KEY));
    return Number.isFinite(value) && value >= MIN_PANE_WIDTH ? Math.round(value) : DEFAULT_PANE_WIDTH;
  } catch {
    return DEFAULT_PANE_WIDTH; // storage refused (private mode, quota): the default will do
  }
}

export function savePaneWidth(storage: StorageLike | null, width: number): void {
  try {
    storage?.setItem(PANE_WIDTH_KEY, String(Math.round(width)));
  } catch {
    // Not remembered this time; the pane still has its width.
  }
}

export interface WidthLimits {
  min: number;
  max: number;
}

/** The pane's limits beside a timeline in a container this wide. */
export function paneLimits(containerWidth: number): WidthLimits {
  return { min: MIN_PANE_WIDTH, max: maxPaneWidth(containerWidth) };
}

/**
 * The width after a key on the separator (it stands at the pane's left edge): Left widens the
 * pane, Right narrows it, Home and End go to the narrowest and widest. Null for other keys.
 */
export function widthAfterKey(key: string, shift: boolean, width: number, limits: WidthLimits): number | null {
  const step = shift ? KEY_STEP_LARGE : KEY_STEP;
  const within = (value: number) => Math.round(Math.min(limits.max, Math.max(limits.min, value)));
  switch (key) {
    case 'ArrowLeft':
      return within(width + step);
    case 'ArrowRight':
      return within(width - step);
    case 'Home':
      return limits.min;
    case 'End':
      return limits.max;
    default:
      return null;
  }
}

/** The page's localStorage, or null where it cannot be used. */
export function appStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
