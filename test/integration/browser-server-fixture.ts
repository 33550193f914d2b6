// Shared by the browser-mode tests: a throwaway built-renderer folder (with a secret file beside
// it that must never be served), a dispatch built from the real dispatcher with a few fake
// handlers, a started browser server, and a ws client that speaks the wire protocol.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, type ClientOptions } from 'ws';
import type { CommandResult, PushName, PushPayload, SessionView, SseRecord } from '../../main/contract.ts';
import { CommandError, createDispatch, type CommandHandlers } from '../../main/core/app/dispatcher.ts';
import { RecordCounts } from '../../main/common/record-counts.ts';
import { startBrowserServer, type BrowserServer, type BrowserServerOptions } from '../../main/server/browser-server.ts';
import type { ServerMessage, WirePush } from '../../main/common/wire-protocol.ts';

export const PAGE_CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
export const INDEX_HTML = `<!doctype html><html><head><meta charset="UTF-8" />
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" /><title>SSE Scope</title></head>
<body><div id="app"></div><script type="module" src="./assets/app.js"></script></body></html>`;
export const APP_JS = 'console.log("the renderer");\n';
export const SECRET_TEXT = 'root:x:0:0:do-not-serve\n';

export interface RendererFolder {
  /** Holds renderer/ and secret.txt beside it. */
  root: string;
  rendererDir: string;
}

export async function makeRendererFolder(): Promise<RendererFolder> {
  const root = await mkdtemp(join(tmpdir(), 'sse-scope-browser-test-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(join(rendererDir, 'assets', 'app.js'), APP_JS);
  await writeFile(join(rendererDir, 'assets', 'style.css'), 'body { color: black; }\n');
  await writeFile(join(root, 'secret.txt'), SECRET_TEXT);
  return { root, rendererDir };
}

export const SESSIONS: SessionView[] = [
  {
    id: 's1',
    connectionId: 'c1',
    kind: 'feed',
    name: 'Demo feed',
    url: 'http://127.0.0.1:1/demo/stream',
    status: 'open',
    detail: null,
    closedReason: null,
    captureId: 'cap1',
    paused: false,
    catchingUp: false,
    lastSeq: 3,
    firstSeq: 1,
  },
];

/** A call the test holds open until it calls release(). */
export interface Gate {
  entered: Promise<void>;
  release(): void;
}

export interface FakeCore {
  dispatch: BrowserServerOptions['dispatch'];
  /** Every command the handlers ran, with its validated payload. */
  calls: { name: string; payload: unknown }[];
  /** The next 'records:counts' call waits on this gate. */
  holdNextCounts(): Gate;
}

/** The real dispatcher (name check, payload schemas) over a few fake handlers. */
export function fakeCore(): FakeCore {
  const calls: FakeCore['calls'] = [];
  let gate: { wait: Promise<void>; entered: () => void } | null = null;
  const handlers: Partial<CommandHandlers> = {
    'sessions:list': () => {
      calls.push({ name: 'sessions:list', payload: undefined });
      return structuredClone(SESSIONS);
    },
    'captures:rename': (payload) => {
      calls.push({ name: 'captures:rename', payload });
      if (payload.captureId === 'missing') throw new CommandError('No capture with id missing', 'not-found');
    },
    'records:range': (payload) => {
      calls.push({ name: 'records:range', payload });
      return Array.from({ length: payload.count }, (_, i) => eventRecord(payload.fromSeq + i, `record ${payload.fromSeq + i}`));
    },
    'records:counts': async (payload) => {
      calls.push({ name: 'records:counts', payload });
      const held = gate;
      gate = null;
      if (held) {
        held.entered();
        await held.wait;
      }
      return new RecordCounts().snapshot();
    },
  };
  return {
    dispatch: createDispatch(handlers as CommandHandlers),
    calls,
    holdNextCounts() {
      let release!: () => void;
      let entered!: () => void;
      const wait = new Promise<void>((resolve) => (release = resolve));
      const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
      gate = { wait, entered };
      return { entered: enteredPromise, release };
    },
  };
}

export function eventRecord(seq: number, data: string): SseRecord {
  return { kind: 'event', seq, time: 1_700_000_000_000 + seq, type: 'message', data, lastEventId: '', size: data.length + 7 };
}

export interface Started {
  server: BrowserServer;
  folder: RendererFolder;
  core: FakeCore;
  origin: string;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<BrowserServerOptions> = {}): Promise<Started> {
  const folder = await makeRendererFolder();
  const core = fakeCore();
  const server = await startBrowserServer({ rendererDir: folder.rendererDir, dispatch: core.dispatch, ...options });
  return {
    server,
    folder,
    core,
    origin: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      await rm(folder.root, { recursive: true, force: true });
    },
  };
}

/** What an upgrade request got instead of a WebSocket. */
export interface Refusal {
  status: number;
  body: string;
}

/** Opens a WebSocket; resolves to the open socket or to the server's refusal. */
export function tryConnect(url: string, options: ClientOptions = {}): Promise<WebSocket | Refusal> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

export function wsUrl(started: Started, token: string | null = started.server.token, host = `127.0.0.1:${started.server.port}`): string {
  return `ws://${host}/ws${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** A page's WebSocket, as a test drives it: sends calls, collects everything that arrives. */
export class TestClient {
  readonly ws: WebSocket;
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #nextId = 1;
  #waiters = new Set<() => void>();

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      for (const check of [...this.#waiters]) check();
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async open(started: Started, options: ClientOptions = {}): Promise<TestClient> {
    const ws = await tryConnect(wsUrl(started), { origin: started.origin, ...options });
    if (!(ws instanceof WebSocket)) throw new Error(`refused: ${ws.status} ${ws.body}`);
    return new TestClient(ws);
  }

  pushes<K extends PushName>(name: K): PushPayload<K>[] {
    return this.messages.filter((m): m is WirePush => m.type === 'push' && m.name === name).map((m) => m.payload as PushPayload<K>);
  }

  /** Resolves when `ready()` returns something other than undefined. */
  until<T>(ready: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = ready();
        if (value === undefined) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms; got ${this.messages.length} messages`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  resultOf(id: number): Promise<CommandResult<unknown>> {
    return this.until(() => this.messages.find((m) => m.type === 'result' && m.id === id)).then(
      (m) => (m as { result: CommandResult<unknown> }).result,
    );
  }

  call(name: string, payload?: unknown): Promise<CommandResult<unknown>> {
    const id = this.#nextId++;
    this.ws.send(JSON.stringify({ type: 'call', id, name, payload }));
    return this.resultOf(id);
  }

  close(): void {
    this.ws.close();
  }
}

/** Resolves once `check()` is true, checking every few milliseconds (for server-side state). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
