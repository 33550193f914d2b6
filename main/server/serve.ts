// Browser mode put together: the demo feed, the app core (with no OS keychain: secrets are saved
// only if the user agrees to plain text in Settings) and the browser-mode server in front of it.
// index.ts is the command line around this; tests start it in-process.

import type { Dispatch, Notice } from '../contract.ts';
import { createAppCore, type AppCore } from '../core/app/app-core.ts';
import { appPaths } from '../core/app-paths.ts';
import { noKeychainCipher } from '../core/config/secrets.ts';
import { startDemoFeed, type DemoFeed, type DemoFeedOptions } from '../core/demo/demo-feed.ts';
import { createNodeFetch } from '../core/sse/node-fetch.ts';
import { startBrowserServer, type BrowserServerOptions } from './browser-server.ts';

export interface ServeOptions {
  port: number;
  /** The data folder (default: the app's own, shared with the desktop app and the CLI). */
  dataDir?: string;
  /** The built renderer. */
  rendererDir: string;
  /** false: no demo feed. */
  demo: DemoFeedOptions | false;
  version: string;
  log(message: string, error?: unknown): void;
  /** Tuning for tests. */
  transport?: BrowserServerOptions['transport'];
}

export interface Serving {
  /** The page to open, token included. */
  url: string;
  dataDir: string;
  /** What the user should know from the start (also pushed to pages as 'app:notice'). */
  notices: Notice[];
  /** Stops the core (captures finished), the server and the demo feed. */
  close(): Promise<void>;
}

/** Shown in app:info and the secrets error: there is no keychain behind a browser tab. */
export const BROWSER_SECRETS_BACKEND = 'none (browser mode)';

export async function startServe(options: ServeOptions): Promise<Serving> {
  const { dataDir } = appPaths(options.dataDir);
  const demo: DemoFeed | null = options.demo === false ? null : await startDemoFeed(options.demo);
  // The server needs the dispatch and the core needs the server's push sink: the dispatch looks
  // the core up when called, by which time it exists (nothing can connect before this returns).
  let core: AppCore | null = null;
  const dispatch: Dispatch = (name, payload) => {
    if (!core) return Promise.resolve({ ok: false, error: { message: 'SSE Scope is still starting', code: 'failed' } });
    return core.dispatch(name, payload);
  };
  let server;
  try {
    server = await startBrowserServer({ port: options.port, rendererDir: options.rendererDir, dispatch, transport: options.transport });
  } catch (error) {
    await demo?.close();
    throw error;
  }
  const started = createAppCore({
    dataDir,
    cipher: noKeychainCipher(BROWSER_SECRETS_BACKEND),
    fetchFor: (tls) => createNodeFetch(tls),
    files: server.downloads,
    push: server.push,
    transport: 'browser',
    version: options.version,
    platform: process.platform,
    demoFeedUrl: demo?.url ?? null,
    log: options.log,
  });
  core = started;

  const close = async () => {
    await started.stop().catch((error: unknown) => options.log('The app core did not stop cleanly', error));
    await server.close();
    await demo?.close();
  };
  try {
    const notices = await started.start();
    return { url: server.url, dataDir, notices, close };
  } catch (error) {
    await close();
    throw error;
  }
}
