// The environments (sets of {{variables}}) and which one is active: loaded at start, replaced on
// every 'environments:changed' push, and the commands that change them.

import type { ApiClient } from '../api/index.ts';
import type { Environment, EnvironmentInput } from '../../../../main/contract.ts';

export class EnvironmentsState {
  list = $state.raw<Environment[]>([]);
  activeId = $state<string | null>(null);
  readonly #api: ApiClient;
  #unsubscribe: (() => void) | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  get active(): Environment | null {
    return this.list.find((environment) => environment.id === this.activeId) ?? null;
  }

  start(): void {
    this.#unsubscribe = this.#api.on('environments:changed', (answer) => this.#apply(answer));
    void this.refresh();
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async refresh(): Promise<void> {
    try {
      this.#apply(await this.#api.call('environments:list'));
    } catch {
      // The list stays as it was; the commands that need it report their own errors.
    }
  }

  async activate(id: string | null): Promise<void> {
    const before = this.activeId;
    this.activeId = id;
    try {
      await this.#api.call('environments:activate', { id });
    } catch (error) {
      this.activeId = before;
      throw error;
    }
  }

  async save(id: string | undefined, environment: EnvironmentInput): Promise<Environment> {
    const saved = await this.#api.call('environments:save', id ? { id, environment } : { environment });
    const index = this.list.findIndex((item) => item.id === saved.id);
    this.list = index === -1 ? [...this.list, saved] : this.list.with(index, saved);
    return saved;
  }

  async remove(id: string): Promise<void> {
    await this.#api.call('environments:delete', { id });
    this.list = this.list.filter((environment) => environment.id !== id);
    if (this.activeId === id) this.activeId = null;
  }

  #apply(answer: { environments: Environment[]; activeId: string | null }): void {
    this.list = answer.environments;
    this.activeId = answer.activeId;
  }
}
