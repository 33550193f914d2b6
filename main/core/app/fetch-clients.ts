// The HTTP clients of the live sessions: one per TLS setting, shared by the sessions that use it.
// A CA file counts by its content, not only its path, so a file the user replaced is read by the
// next connect (sessions connected with the old client keep it until they connect again). The
// clients are closed when the core stops; one that cannot be closed (Electron's) is just dropped.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FetchFunction } from '../sse/fetch-types.ts';
import type { TlsOptions } from '../sse/node-fetch.ts';

/** A FetchFunction that may hold connections to close (createNodeFetch's does). */
export type ClosableFetch = FetchFunction & { close?(): Promise<void> | void };

export class FetchClients {
  readonly #create: (tls: TlsOptions) => ClosableFetch;
  readonly #clients = new Map<string, ClosableFetch>();

  constructor(create: (tls: TlsOptions) => ClosableFetch) {
    this.#create = create;
  }

  /** The client for these options (throws what creating it throws, e.g. a CA file that cannot be read). */
  get(tls: TlsOptions): FetchFunction {
    const key = JSON.stringify([tls.insecure ?? false, tls.caFile ?? null, tls.caFile ? contentKey(tls.caFile) : null]);
    let client = this.#clients.get(key);
    if (!client) {
      client = this.#create(tls);
      this.#clients.set(key, client);
    }
    return client;
  }

  /** Closes every client (their connections end); later calls to get() make new ones. */
  async closeAll(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.allSettled(clients.map(async (client) => client.close?.()));
  }
}

/** The file's content as a hash; an unreadable file gets its error code (the front end's fetch reports it). */
function contentKey(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch (error) {
    return `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}
