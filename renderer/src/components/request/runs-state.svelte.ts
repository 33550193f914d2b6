// The run history's choices: up to two runs ticked for comparing, and the two answers read from
// their captures ('captures:answer') to show side by side.

import { messageOf } from '../../../../main/common/error-message.ts';
import type { ApiClient } from '../../lib/api/index.ts';
import type { CaptureAnswerView } from '../../../../main/contract.ts';

export class RunsState {
  /** Capture ids of the runs ticked, oldest tick first (at most two). */
  chosen = $state.raw<string[]>([]);
  compared = $state.raw<[CaptureAnswerView, CaptureAnswerView] | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** Ticks or unticks a run; a third tick replaces the oldest. */
  toggle(captureId: string): void {
    if (this.chosen.includes(captureId)) this.chosen = this.chosen.filter((id) => id !== captureId);
    else this.chosen = [...this.chosen, captureId].slice(-2);
  }

  async compare(): Promise<void> {
    const [a, b] = this.chosen;
    if (!a || !b) return;
    this.loading = true;
    this.error = null;
    try {
      const [left, right] = await Promise.all([
        this.#api.call('captures:answer', { captureId: a }),
        this.#api.call('captures:answer', { captureId: b }),
      ]);
      // Oldest on the left.
      this.compared = left.startedAt <= right.startedAt ? [left, right] : [right, left];
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.loading = false;
    }
  }

  closeComparison(): void {
    this.compared = null;
  }
}
