// The capture files on disk (the sidebar's "Captures"): loaded at start, replaced on every
// 'captures:changed' push, and the commands that rename, keep (from the size cap) and delete them.

import type { ApiClient } from '../api/index.ts';
import type { CaptureView } from '../../../../main/contract.ts';

export class CapturesState {
  list = $state.raw<CaptureView[]>([]);
  readonly #api: ApiClient;
  #unsubscribe: (() => void) | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  start(): void {
    this.#unsubscribe = this.#api.on('captures:changed', (list) => (this.list = list));
    void this.refresh();
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async refresh(): Promise<void> {
    try {
      this.list = await this.#api.call('captures:list');
    } catch {
      // Kept as it was; the section still works with what it has.
    }
  }

  async rename(captureId: string, name: string): Promise<void> {
    await this.#api.call('captures:rename', { captureId, name });
    this.list = this.list.map((capture) => (capture.id === captureId ? { ...capture, name } : capture));
  }

  async setKept(captureId: string, kept: boolean): Promise<void> {
    await this.#api.call('captures:keep', { captureId, kept });
    this.list = this.list.map((capture) => (capture.id === captureId ? { ...capture, kept } : capture));
  }

  async remove(captureId: string): Promise<void> {
    await this.#api.call('captures:delete', { captureId });
    this.list = this.list.filter((capture) => capture.id !== captureId);
  }
}
