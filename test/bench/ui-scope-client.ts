// The UI benchmark's own line to the browser-mode server, opened only after the streams ended
// (it would receive every push too): the sessions the page opened and what each one stored.

import { WebSocket } from 'ws';
import type { CommandName, CommandRequest, CommandResponse, CommandResult } from '../../main/contract.ts';
import { TOKEN_PARAM, WS_PATH, type ServerMessage } from '../../main/common/wire-protocol.ts';

export interface ScopeClient {
  call<K extends CommandName>(name: K, payload: CommandRequest<K>): Promise<CommandResponse<K>>;
  close(): void;
}

/** Connects as the page at `pageUrl` does (same origin, same token). */
export async function connectScope(pageUrl: string): Promise<ScopeClient> {
  const page = new URL(pageUrl);
  const token = page.searchParams.get(TOKEN_PARAM) ?? '';
  const ws = new WebSocket(`ws://${page.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`, { origin: page.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, (result: CommandResult<unknown>) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.type === 'result') pending.get(message.id)?.(message.result);
  });
  let nextId = 1;
  return {
    call(name, payload) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, (result) => {
          pending.delete(id);
          if (result.ok) resolve(result.value as CommandResponse<typeof name>);
          else reject(new Error(`${name}: ${result.error.message}`));
        });
        ws.send(JSON.stringify({ type: 'call', id, name, payload }));
      });
    },
    close: () => ws.close(),
  };
}
