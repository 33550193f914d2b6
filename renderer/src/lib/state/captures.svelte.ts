// The capture files on disk (the sidebar's "Captures"), mirrored from 'captures:changed', and the commands
// that rename, keep (from the size cap) and delete them.

import type { ApiClient } from '../api/index.ts';
import type { CaptureView } from '../../../../main/contract.ts';
import { MirroredList } from './mirrored-list.svelte.ts';

export class CapturesState extends MirroredList<CaptureView> {
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    super(
      (replace) => api.on('captures:changed', replace),
      () => api.call('captures:list'),
    );
    this.#api = api;
  }

  get list(): CaptureView[] {
    return this.items;
  }

  async rename(captureId: string, name: string): Promise<void> {
    await this.#api.call('captures:rename', { captureId, name });
    this.items = this.items.map((capture) => (capture.id === captureId ? { ...capture, name } : capture));
  }

  async setKept(captureId: string, kept: boolean): Promise<void> {
    await this.#api.call('captures:keep', { captureId, kept });
    this.items = this.items.map((capture) => (capture.id === captureId ? { ...capture, kept } : capture));
  }

  async remove(captureId: string): Promise<void> {
    await this.#api.call('captures:delete', { captureId });
    this.items = this.items.filter((capture) => capture.id !== captureId);
  }
}
