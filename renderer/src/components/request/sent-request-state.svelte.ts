// One session's request as it was sent (or, for a request not sent yet, as Send will send it),
// with its response: asked for when the Request tab shows and again whenever the session's state
// or capture changes (a run starts, the response arrives).

import { messageOf } from '../../../../main/common/error-message.ts';
import type { ApiClient } from '../../lib/api/index.ts';
import type { SentRequestView } from '../../../../main/contract.ts';

export class SentRequestState {
  view = $state.raw<SentRequestView | null>(null);
  loaded = $state(false);
  error = $state<string | null>(null);
  readonly #api: ApiClient;
  readonly #sessionId: string;
  #load = 0;

  constructor(api: ApiClient, sessionId: string) {
    this.#api = api;
    this.#sessionId = sessionId;
  }

  async load(): Promise<void> {
    const load = ++this.#load;
    try {
      const view = await this.#api.call('sessions:request', { sessionId: this.#sessionId });
      if (load !== this.#load) return;
      this.view = view;
      this.error = null;
    } catch (error) {
      if (load === this.#load) this.error = messageOf(error);
    } finally {
      if (load === this.#load) this.loaded = true;
    }
  }
}
