// The saved connections as the main process has them: loaded at start, replaced on every
// 'connections:changed' push, and the commands that change them. Errors reach the caller (the
// editor shows them inline); the list itself never guesses ahead of the main process, except that
// a command's answer is applied at once so the view does not wait for the push.

import type { ApiClient } from '../api/index.ts';
import type {
  ConnectionInput,
  FileOutcome,
  ImportPlan,
  ImportRequest,
  ImportSource,
  ImportSummary,
  SavedConnection,
} from '../../../../main/contract.ts';

export class ConnectionsState {
  list = $state.raw<SavedConnection[]>([]);
  loaded = $state(false);
  /** Why the list could not be loaded, if it could not. */
  loadError = $state<string | null>(null);
  readonly #api: ApiClient;
  #unsubscribe: (() => void) | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  start(): void {
    this.#unsubscribe = this.#api.on('connections:changed', (list) => {
      this.list = list;
      this.loaded = true;
    });
    void this.refresh();
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async refresh(): Promise<void> {
    try {
      this.list = await this.#api.call('connections:list');
      this.loadError = null;
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    } finally {
      this.loaded = true;
    }
  }

  byId(id: string): SavedConnection | undefined {
    return this.list.find((connection) => connection.id === id);
  }

  /** Creates (no id) or updates a connection; throws the main process's validation error. */
  async save(id: string | undefined, connection: ConnectionInput): Promise<SavedConnection> {
    const saved = await this.#api.call('connections:save', id ? { id, connection } : { connection });
    this.#upsert(saved);
    return saved;
  }

  /** Saves a change to some fields of a saved connection (the rest handed back as they are). */
  async update(id: string, change: Partial<ConnectionInput>): Promise<SavedConnection> {
    const saved = this.byId(id);
    if (!saved) throw new Error('The connection is no longer there: it may have been deleted in another window.');
    const { id: _id, ...current } = saved;
    return this.save(id, { ...current, ...change });
  }

  /** `ids`: every connection id, in the new order. */
  async reorder(ids: string[]): Promise<void> {
    await this.#api.call('connections:reorder', { ids });
    const byId = new Map(this.list.map((connection) => [connection.id, connection]));
    this.list = ids.flatMap((id) => byId.get(id) ?? []);
  }

  async duplicate(id: string): Promise<SavedConnection> {
    const copy = await this.#api.call('connections:duplicate', { id });
    this.#upsert(copy);
    return copy;
  }

  async remove(id: string): Promise<void> {
    await this.#api.call('connections:delete', { id });
    this.list = this.list.filter((connection) => connection.id !== id);
  }

  /** What importing would create and which safety settings it would change; saves nothing. */
  preview(source: ImportSource): Promise<ImportPlan> {
    return this.#api.call('connections:import-preview', source);
  }

  /** Imports what was previewed, with the user's answers (consent to safety changes, variables to create). */
  async import(request: ImportRequest): Promise<ImportSummary> {
    const summary = await this.#api.call('connections:import', request);
    for (const connection of summary.connections) this.#upsert(connection);
    return summary;
  }

  /** A collection file of these connections (all when absent) and every environment. */
  exportCollection(options: { connectionIds?: string[]; includeSecrets: boolean }): Promise<FileOutcome> {
    return this.#api.call('connections:export', options);
  }

  #upsert(saved: SavedConnection): void {
    const index = this.list.findIndex((connection) => connection.id === saved.id);
    this.list = index === -1 ? [...this.list, saved] : this.list.with(index, saved);
  }
}
