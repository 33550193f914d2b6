// Runs a real app core in a temporary data folder, the way a front end does: every command goes
// through `dispatch` with an untyped payload, and every push lands in a recording PushSink.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type {
  CommandName,
  CommandRequest,
  CommandResponse,
  CommandResult,
  ErrorCode,
  Notice,
  PushName,
  PushPayload,
  PushSink,
  SessionView,
} from '../../main/contract.ts';
import { createAppCore, type AppCore, type AppCoreDeps } from '../../main/core/app/app-core.ts';
import type { SecretCipher } from '../../main/core/config/secrets.ts';
import { noKeychainCipher } from '../../main/core/config/secrets.ts';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import { startSse, type FixtureServer } from './fixture-server.ts';
import { waitFor } from './session-harness.ts';
import { tempFileDestinations, type TempFileDestinations } from './temp-file-destinations.ts';

export interface RecordedPush {
  name: PushName;
  payload: unknown;
}

export class PushRecorder {
  readonly all: RecordedPush[] = [];
  readonly #listeners = new Set<(push: RecordedPush) => void>();
  readonly #forget: ReadonlySet<PushName>;

  /** `forget`: pushes listeners see but `all` does not keep (the records of a long firehose). */
  constructor(forget: readonly PushName[] = []) {
    this.#forget = new Set(forget);
  }

  readonly sink: PushSink = (name, payload) => {
    const push = { name, payload };
    if (!this.#forget.has(name)) this.all.push(push);
    for (const listener of this.#listeners) listener(push);
  };

  of<K extends PushName>(name: K): PushPayload<K>[] {
    return this.all.filter((push) => push.name === name).map((push) => push.payload as PushPayload<K>);
  }

  /** Calls `listener` with every push from now on; returns the unsubscribe function. */
  listen(listener: (push: RecordedPush) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Waits until a push of `name` satisfies `check`, and returns it. */
  async next<K extends PushName>(
    name: K,
    check: (payload: PushPayload<K>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<PushPayload<K>> {
    let found: PushPayload<K> | undefined;
    await waitFor(() => (found = this.of(name).find(check)) !== undefined, `a ${name} push`, timeoutMs);
    return found!;
  }

  clear(): void {
    this.all.length = 0;
  }
}

/** A command answered with an error. */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
  ) {
    super(message);
  }
}

export interface Harness {
  core: AppCore;
  dataDir: string;
  pushes: PushRecorder;
  files: TempFileDestinations;
  notifications: { title: string; body: string }[];
  startNotices: Notice[];
  /** A command as the renderer sends it; resolves with the value or rejects with a CommandFailure. */
  call<K extends CommandName>(name: K, payload: CommandRequest<K>): Promise<CommandResponse<K>>;
  /** The raw answer, for payloads that are meant to be wrong. */
  raw(name: string, payload: unknown): Promise<CommandResult<unknown>>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Which front end the core serves (default browser). */
  transport?: AppCoreDeps['transport'];
  /** Reuse a data folder (another core's, after it stopped). */
  dataDir?: string;
  demoFeedUrl?: string | null;
  cipher?: SecretCipher;
  clock?: () => number;
  /** Pushes not kept by the recorder (see PushRecorder). */
  forgetPushes?: PushName[];
  sizeCapGraceMs?: number;
}

const folders: string[] = [];

export async function tempFolder(prefix = 'sse-scope-app-'): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** Removes every folder tempFolder() made (for afterAll). */
export async function removeTempFolders(): Promise<void> {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await tempFolder());
  const files = tempFileDestinations(await tempFolder('sse-scope-files-'));
  const pushes = new PushRecorder(options.forgetPushes);
  const notifications: { title: string; body: string }[] = [];
  const deps: AppCoreDeps = {
    dataDir,
    cipher: options.cipher ?? noKeychainCipher(),
    fetchFor: (tls) => createNodeFetch(tls),
    files,
    push: pushes.sink,
    notify: (title, body) => notifications.push({ title, body }),
    transport: options.transport ?? 'browser',
    version: '0.0.0-test',
    platform: process.platform,
    demoFeedUrl: options.demoFeedUrl ?? null,
    clock: options.clock,
    sizeCapGraceMs: options.sizeCapGraceMs,
  };
  const core = createAppCore(deps);
  const startNotices = await core.start();
  const raw = (name: string, payload: unknown) => core.dispatch(name as CommandName, payload) as Promise<CommandResult<unknown>>;
  const call = async <K extends CommandName>(name: K, payload: CommandRequest<K>): Promise<CommandResponse<K>> => {
    const result = await core.dispatch(name, payload);
    if (!result.ok) throw new CommandFailure(result.error.message, result.error.code);
    return result.value;
  };
  return { core, dataDir, pushes, files, notifications, startNotices, call, raw, stop: () => core.stop() };
}

/** A route whose responses stay open and send what the test writes, when it writes it. */
export interface LiveRoute {
  url: string;
  /** Responses opened so far (one per connection attempt). */
  readonly connections: number;
  /** Writes to the newest open response. */
  write(text: string): void;
  /** Waits for the n-th connection. */
  connected(n: number): Promise<void>;
}

export function liveRoute(server: FixtureServer, path: string): LiveRoute {
  const responses: ServerResponse[] = [];
  server.route(path, (_req, res) => {
    startSse(res);
    responses.push(res);
  });
  return {
    url: `${server.url}${path}`,
    get connections() {
      return responses.length;
    },
    write(text) {
      const res = responses.at(-1);
      if (!res) throw new Error(`nothing is connected to ${path}`);
      res.write(text);
    },
    connected: (n) => waitFor(() => responses.length >= n, `connection ${n} to ${path}`),
  };
}

/** Saves a connection to a live route at `path`, opens its session and waits until it is connected. */
export async function openLiveSession(
  app: Harness,
  server: FixtureServer,
  path = '/live',
  name = 'Ticks',
): Promise<{ live: LiveRoute; view: SessionView }> {
  const live = liveRoute(server, path);
  const connection = await app.call('connections:save', { connection: { name, url: live.url } });
  const view = await app.call('sessions:open', { connectionId: connection.id });
  await live.connected(1);
  return { live, view };
}

/** Waits until the session has stored exactly `count` events. */
export function eventsStored(app: Harness, sessionId: string, count: number, timeoutMs?: number): Promise<void> {
  return eventually(
    async () => (await app.call('records:counts', { sessionId })).byKind.event === count,
    `${count} events stored`,
    timeoutMs,
  );
}

/** "data: ...\n\n" blocks for events start..start+count-1, each made by `make`. */
export function eventBlocks(start: number, count: number, make: (n: number) => string = (n) => `data: ${n}\n\n`): string {
  let text = '';
  for (let n = start; n < start + count; n++) text += make(n);
  return text;
}

/** Polls an async check every few ms; rejects with `what` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
