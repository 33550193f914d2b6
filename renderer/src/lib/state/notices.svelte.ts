// The toasts: notices the main process pushes ('app:notice') and errors of commands the user ran,
// each dismissible. Errors and warnings stay until dismissed; info notes leave by themselves.

import type { ApiClient } from '../api/index.ts';
import type { Notice } from '../../../../main/contract.ts';

export interface Toast extends Notice {
  id: number;
}

/** How long an info notice stays. */
export const INFO_TOAST_MS = 6000;
/** The oldest toasts go when there are more than this. */
const MAX_TOASTS = 5;

export class NoticesState {
  toasts = $state.raw<Toast[]>([]);
  readonly #api: ApiClient;
  #nextId = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();
  #unsubscribe: (() => void) | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  start(): void {
    this.#unsubscribe = this.#api.on('app:notice', (notice) => this.show(notice.level, notice.message));
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  show(level: Notice['level'], message: string): number {
    const id = this.#nextId++;
    const kept = this.toasts.length >= MAX_TOASTS ? this.toasts.slice(this.toasts.length - MAX_TOASTS + 1) : this.toasts;
    for (const gone of this.toasts) if (!kept.includes(gone)) this.#clearTimer(gone.id);
    this.toasts = [...kept, { id, level, message }];
    if (level === 'info')
      this.#timers.set(
        id,
        setTimeout(() => this.dismiss(id), INFO_TOAST_MS),
      );
    return id;
  }

  /** A command the user ran failed: say what was being done and the main process's reason. */
  error(what: string, error: unknown): number {
    const reason = error instanceof Error ? error.message : String(error);
    return this.show('error', `${what}: ${reason}`);
  }

  dismiss(id: number): void {
    this.#clearTimer(id);
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
  }

  #clearTimer(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }
}
