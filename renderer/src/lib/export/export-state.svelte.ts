// One export at a time per session: export:session with a fresh exportId, progress from
// 'export:progress' pushes for that id, cancel through export:cancel, and the outcome for the
// dialog to say: "Saved to <path>", a download started ("Downloaded <file>"), cancelled, or why it
// failed.

import type { ExportFormatName, ExportScope, FileOutcome } from '../../../../main/contract.ts';
import type { ApiClient } from '../api/index.ts';
import { triggerDownload } from './download.ts';
import { messageOf } from '../../../../main/common/error-message.ts';

export type ExportStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

let exportCounter = 0;

/** Unique enough across windows and restarts; crypto.randomUUID needs a secure context. */
export function newExportId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2);
  return `export-${++exportCounter}-${random}`;
}

export class ExportState {
  status = $state<ExportStatus>('idle');
  written = $state(0);
  total = $state<number | null>(null);
  bytes = $state(0);
  /** What the dialog says when the export is over. */
  message = $state<string | null>(null);

  readonly #api: ApiClient;
  readonly #sessionId: string;
  #exportId: string | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(api: ApiClient, sessionId: string) {
    this.#api = api;
    this.#sessionId = sessionId;
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** `includeSecrets`: write the records as they arrived (a live session's originals), not masked. */
  async start(format: ExportFormatName, scope: ExportScope, includeSecrets = false): Promise<void> {
    if (this.running) return;
    const exportId = newExportId();
    this.#exportId = exportId;
    this.status = 'running';
    this.written = 0;
    this.total = null;
    this.bytes = 0;
    this.message = null;
    this.#unsubscribe ??= this.#api.on('export:progress', (progress) => {
      if (progress.exportId !== this.#exportId) return;
      this.written = progress.written;
      this.total = progress.total;
      this.bytes = progress.bytes;
    });
    let outcome: FileOutcome;
    try {
      outcome = await this.#api.call('export:session', { sessionId: this.#sessionId, exportId, format, scope, includeSecrets });
    } catch (error) {
      if (this.#exportId !== exportId) return;
      this.status = 'failed';
      this.message = `Export failed: ${messageOf(error)}`;
      this.#exportId = null;
      return;
    }
    if (this.#exportId !== exportId) return;
    this.#exportId = null;
    this.#finish(outcome);
  }

  async cancel(): Promise<void> {
    const exportId = this.#exportId;
    if (!exportId) return;
    try {
      await this.#api.call('export:cancel', { exportId });
    } catch {
      // The export ended meanwhile: its own answer says how.
    }
  }

  /** Back to the form (the dialog opened again). */
  resetIfOver(): void {
    if (this.running) return;
    this.status = 'idle';
    this.message = null;
  }

  dispose(): void {
    void this.cancel();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #finish(outcome: FileOutcome): void {
    switch (outcome.status) {
      case 'saved':
        this.status = 'done';
        this.written = outcome.records;
        this.bytes = outcome.bytes;
        this.message = `Saved to ${outcome.path}`;
        break;
      case 'download':
        this.status = 'done';
        this.written = outcome.records;
        this.bytes = outcome.bytes;
        triggerDownload(outcome.url, outcome.fileName);
        this.message = `Downloaded ${outcome.fileName}`;
        break;
      case 'cancelled':
        this.status = 'cancelled';
        this.message = 'Export cancelled';
        break;
    }
  }
}
