// The captures folder's size cap (settings.captureSizeCapMb): which finished captures go when the
// folder is over it, and never without a word. The oldest go first, but never one that is
// recording, open, kept (by the user, or saved on purpose by `capture --save`) or just finished.
// Deleting on its own (when a capture finishes) warns first: the captures that would go are named
// in a warning, and deleted only once a grace period has passed, by when the user may have kept
// them or raised the cap. A cap the user lowers applies at once (Settings says beforehand what it
// will cost). Every deletion is reported with the captures' names; a folder nearing its cap, or
// over it with nothing left that may go, is reported too.

import type { CaptureInfo } from './capture-library.ts';

/** How long captures named in a warning stay before the cap deletes them. */
export const SIZE_CAP_GRACE_MS = 60_000;
/** A folder past this share of its cap gets a warning (once, until it drops below RESET_SHARE). */
const NEAR_SHARE = 0.9;
const RESET_SHARE = 0.8;

export type SizeCapEvent =
  /** The folder is nearly full: the oldest finished captures will go when it is. */
  | { kind: 'near'; totalBytes: number; capBytes: number }
  /** Over the cap: these will be deleted in `inMs` unless kept (or the cap raised). */
  | { kind: 'will-delete'; totalBytes: number; capBytes: number; captures: CaptureInfo[]; inMs: number }
  | { kind: 'deleted'; totalBytes: number; capBytes: number; captures: CaptureInfo[] }
  /** Over the cap, and nothing left may be deleted (kept, open, recording). */
  | { kind: 'cannot-fit'; totalBytes: number; capBytes: number };

export interface CapPlan {
  remove: CaptureInfo[];
  events: SizeCapEvent[];
  /** When to look again (a grace period ends); null: no need. */
  recheckInMs: number | null;
}

export class SizeCapPolicy {
  readonly #graceMs: number;
  readonly #clock: () => number;
  /** Captures named in a warning, and when. */
  readonly #warned = new Map<string, number>();
  #nearWarned = false;
  #cannotFitWarned = false;

  constructor(options: { graceMs?: number; clock: () => number }) {
    this.#graceMs = options.graceMs ?? SIZE_CAP_GRACE_MS;
    this.#clock = options.clock;
  }

  /**
   * What to do with the folder's captures (newest first) under `capBytes`. `mayDelete` says which
   * captures may go at all; `now`: the user set the cap, so it applies without a warning first.
   */
  plan(infos: readonly CaptureInfo[], capBytes: number, mayDelete: (info: CaptureInfo) => boolean, now: boolean): CapPlan {
    const total = infos.reduce((sum, info) => sum + info.sizeBytes, 0);
    const events: SizeCapEvent[] = [];
    if (total <= capBytes) {
      this.#warned.clear();
      this.#cannotFitWarned = false;
      if (total < RESET_SHARE * capBytes) this.#nearWarned = false;
      else if (total > NEAR_SHARE * capBytes && !this.#nearWarned) {
        this.#nearWarned = true;
        events.push({ kind: 'near', totalBytes: total, capBytes });
      }
      return { remove: [], events, recheckInMs: null };
    }
    this.#nearWarned = true; // past near: the warnings below say more

    // The oldest that may go, until the folder would fit.
    const victims: CaptureInfo[] = [];
    let left = total;
    for (const info of [...infos].reverse()) {
      if (left <= capBytes) break;
      if (!mayDelete(info)) continue;
      victims.push(info);
      left -= info.sizeBytes;
    }
    const victimIds = new Set(victims.map((info) => info.id));
    for (const id of this.#warned.keys()) if (!victimIds.has(id)) this.#warned.delete(id); // kept meanwhile, or gone

    // Due: named in a warning at least the grace period ago (a capture named just now is due at
    // once only when there is no grace; its warning still comes first).
    const at = this.#clock();
    const due = now ? victims : victims.filter((info) => at - (this.#warned.get(info.id) ?? at) >= this.#graceMs);
    const fresh = now ? [] : victims.filter((info) => !this.#warned.has(info.id));
    for (const info of fresh) this.#warned.set(info.id, at);
    if (fresh.length > 0) events.push({ kind: 'will-delete', totalBytes: total, capBytes, captures: fresh, inMs: this.#graceMs });
    if (due.length > 0) {
      for (const info of due) this.#warned.delete(info.id);
      const removed = due.reduce((sum, info) => sum + info.sizeBytes, 0);
      events.push({ kind: 'deleted', totalBytes: total - removed, capBytes, captures: due });
    }
    if (left > capBytes && !this.#cannotFitWarned) {
      this.#cannotFitWarned = true;
      events.push({ kind: 'cannot-fit', totalBytes: left, capBytes });
    }
    let recheckInMs: number | null = null;
    for (const warnedAt of this.#warned.values()) {
      const wait = Math.max(0, warnedAt + this.#graceMs - at);
      recheckInMs = recheckInMs === null ? wait : Math.min(recheckInMs, wait);
    }
    return { remove: due, events, recheckInMs };
  }
}
