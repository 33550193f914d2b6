// Exports in browser mode: the browser cannot be handed a path, so an export is written to a
// temporary folder and offered as a one-time download (GET /downloads/<id>/<name>?token=...).
// A file is deleted once it has been downloaded completely, 10 minutes after it was ready if
// nobody fetched it, and when the server closes. There is no file to pick for an import.

import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FileDestinations } from '../core/app/file-destinations.ts';
import { OWNER_ONLY_FOLDER } from '../core/file-modes.ts';
import { TOKEN_PARAM } from '../common/wire-protocol.ts';

export interface BrowserDownloads extends FileDestinations {
  /** Answers GET/HEAD /downloads/<id>/<name> (the caller has checked the token). */
  serve(req: IncomingMessage, res: ServerResponse, id: string, name: string): void;
  /** Deletes every file and stops every timer. */
  close(): Promise<void>;
}

export interface DownloadsOptions {
  token: string;
  /** How long a finished file waits to be fetched (default 10 minutes). */
  expireMs?: number;
  /** The folder to make the temporary folder in (default the OS temp folder). */
  tempRoot?: string;
}

export const DOWNLOADS_PATH = '/downloads/';
const DEFAULT_EXPIRE_MS = 10 * 60_000;

interface Entry {
  fileName: string;
  dir: string;
  path: string;
  /**
   * writing: the export is not done; ready: may be fetched; sending: a GET is under way; sent:
   * that GET has handed every byte to the connection (the client may have all of it already,
   * before the response has closed), and the file goes once it closes.
   */
  state: 'writing' | 'ready' | 'sending' | 'sent';
  expiry: NodeJS.Timeout | undefined;
}

export function createBrowserDownloads(options: DownloadsOptions): BrowserDownloads {
  const expireMs = options.expireMs ?? DEFAULT_EXPIRE_MS;
  const entries = new Map<string, Entry>();
  let root: Promise<string> | null = null;
  let closed = false;

  const remove = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    clearTimeout(entry.expiry);
    void rm(entry.dir, { recursive: true, force: true }).catch(() => {});
  };

  return {
    async saveTarget(suggestedName) {
      if (closed) throw new Error('The browser-mode server is stopping');
      root ??= mkdtemp(join(options.tempRoot ?? tmpdir(), 'sse-scope-downloads-'));
      const id = randomBytes(16).toString('hex');
      const fileName = safeFileName(suggestedName);
      const dir = join(await root, id);
      await mkdir(dir, { mode: OWNER_ONLY_FOLDER });
      const entry: Entry = { fileName, dir, path: join(dir, fileName), state: 'writing', expiry: undefined };
      entries.set(id, entry);
      return {
        path: entry.path,
        outcome: ({ records, bytes }) => {
          entry.state = 'ready';
          clearTimeout(entry.expiry);
          entry.expiry = setTimeout(() => remove(id), expireMs).unref();
          const url = `${DOWNLOADS_PATH}${id}/${encodeURIComponent(fileName)}?${TOKEN_PARAM}=${encodeURIComponent(options.token)}`;
          return { status: 'download', url, fileName, records, bytes };
        },
      };
    },

    pickImportFile: async () => null,

    serve(req, res, id, name) {
      const entry = entries.get(id);
      if (!entry || entry.fileName !== name || entry.state === 'sent') {
        return answer(res, 404, 'No such download: it was fetched already or has expired. Export again.');
      }
      if (entry.state === 'writing') return answer(res, 409, 'This export is not finished yet.');
      if (entry.state === 'sending') return answer(res, 409, 'This file is being downloaded already.');
      void sendFile(req, res, entry).then(
        (complete) => (complete ? remove(id) : undefined),
        () => remove(id),
      );
    },

    async close() {
      closed = true;
      for (const entry of entries.values()) clearTimeout(entry.expiry);
      entries.clear();
      if (root) await rm(await root, { recursive: true, force: true });
    },
  };
}

/** Sends the file; resolves true when a GET delivered all of it (the file may then go). */
async function sendFile(req: IncomingMessage, res: ServerResponse, entry: Entry): Promise<boolean> {
  const { size } = await stat(entry.path).catch(() => ({ size: -1 }));
  if (size < 0) {
    answer(res, 404, 'The exported file is gone. Export again.');
    return true;
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': size,
    'content-disposition': contentDisposition(entry.fileName),
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return false;
  }
  entry.state = 'sending';
  return new Promise<boolean>((resolve) => {
    const stream = createReadStream(entry.path);
    stream.on('error', () => {
      res.destroy();
      resolve(true);
    });
    res.on('close', () => {
      // Finished: every byte went to the OS. A client that went away early may try again.
      const complete = res.writableFinished;
      if (!complete) entry.state = 'ready';
      stream.destroy();
      resolve(complete);
    });
    stream.pipe(res);
    // The client can read every byte (Content-Length tells it so) and ask again before the read
    // stream's end, and so the response's close, comes through: from the last chunk on, the
    // download counts as fetched.
    let handedOver = 0;
    stream.on('data', (chunk) => {
      handedOver += chunk.length;
      if (handedOver >= size) entry.state = 'sent';
    });
  });
}

/** A name the download may carry: no folders, no control or reserved characters. */
export function safeFileName(suggested: string): string {
  const cleaned = basename(suggested.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .trim()
    .slice(0, 200);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : 'export';
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function answer(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${message}\n`);
}
