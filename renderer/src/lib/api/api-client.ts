// What the view calls: a typed command that resolves to its response or throws an ApiError with
// the main process's readable message, and typed push subscriptions that return their unsubscribe
// function (for a Svelte $effect to clean up). Works over any ScopeBridge.

import { ApiError, DisconnectedError } from './api-error.ts';
import type { CommandName, CommandRequest, CommandResponse, PushName, PushPayload, ScopeBridge } from './scope-bridge.ts';
import { messageOf } from '../../../../main/common/error-message.ts';

/** A command with no request (void) may be called without a payload. */
export type PayloadArgs<K extends CommandName> = [CommandRequest<K>] extends [void] ? [payload?: undefined] : [payload: CommandRequest<K>];

export interface ApiClient {
  call<K extends CommandName>(name: K, ...payload: PayloadArgs<K>): Promise<CommandResponse<K>>;
  on<K extends PushName>(name: K, listener: (payload: PushPayload<K>) => void): () => void;
}

export function createApiClient(bridge: ScopeBridge): ApiClient {
  return {
    async call<K extends CommandName>(name: K, ...[payload]: PayloadArgs<K>): Promise<CommandResponse<K>> {
      let result;
      try {
        result = await bridge.call(name, payload as CommandRequest<K>);
      } catch (error) {
        const message = messageOf(error);
        throw new ApiError(message, error instanceof DisconnectedError ? 'disconnected' : 'failed', name);
      }
      if (result.ok) return result.value;
      throw new ApiError(result.error.message, result.error.code, name);
    },
    on: (name, listener) => bridge.on(name, listener),
  };
}
