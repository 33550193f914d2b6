// The <capture> argument of `search`, `export` and `replay`: a capture id from the library, a
// unique prefix of one, a capture's name (the newest of that name), or a path to a file (a capture
// file, or any export `importCapture` reads). Opens it as a
// read-only RecordStore: capture files (NDJSON) as they are, other formats by importing them into
// a temporary library that is removed again when the command is done.

import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat } from '../core/export/import-capture.ts';
import { importAsCapture } from '../core/store/capture-import.ts';
import { CaptureLibrary, type CaptureInfo } from '../core/store/capture-library.ts';
import { CAPTURE_EXTENSION } from '../core/store/capture-meta.ts';
import { RecordStore } from '../core/store/record-store.ts';
import { EXIT_INTERRUPTED, UsageError } from './command-exit.ts';
import { abortOnInterrupt } from './interrupt.ts';
import { formatBytes, formatCount } from '../common/number-format.ts';
import { elapsed, StatusLine } from './status-line.ts';

export type CaptureTarget = { kind: 'library'; id: string; path: string } | { kind: 'file'; path: string };

export interface OpenedCapture {
  /** How messages name the capture: its id or its path. */
  label: string;
  /** The records file behind the store. */
  path: string;
  store: RecordStore;
  /** Lines or parts of the file that did not load, as messages. */
  notices: string[];
  /** Releases what opening took (a temporary import). */
  close(): Promise<void>;
}

/** Capture ids have no dots or slashes; an argument with one is a path. */
const PATH_LIKE = /[./\\]/;
/** Ids listed when a prefix matches several. */
const AMBIGUOUS_SHOWN = 5;

export async function resolveCaptureArgument(arg: string, library: CaptureLibrary): Promise<CaptureTarget> {
  if (arg === '') throw new UsageError('<capture> needs a capture id or a file name');
  if (!PATH_LIKE.test(arg)) {
    const captures = await library.list();
    const ids = captures.map((info) => info.id);
    const matches = ids.includes(arg) ? [arg] : ids.filter((id) => id.startsWith(arg));
    if (matches.length === 1) return libraryTarget(library, matches[0]!);
    if (matches.length > 1) {
      const shown = matches.slice(0, AMBIGUOUS_SHOWN).join(', ') + (matches.length > AMBIGUOUS_SHOWN ? ', ...' : '');
      throw new UsageError(`'${arg}' matches ${matches.length} captures (${shown}); give more of the id`);
    }
    const named = newestNamed(captures, arg);
    if (named) return libraryTarget(library, named);
    // Not in the library: a file of that name in the current folder will do.
    if (await isFile(arg)) return { kind: 'file', path: arg };
    throw new UsageError(`no capture '${arg}' in ${library.folder}; see \`sse-scope captures\``);
  }
  let info;
  try {
    info = await stat(arg);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // Names made from a URL hold dots and slashes ("localhost:3000/events").
      const named = newestNamed(await library.list(), arg);
      if (named) return libraryTarget(library, named);
      throw new UsageError(`no capture file '${arg}'`);
    }
    throw new UsageError(`cannot read '${arg}' (${code ?? String(error)})`);
  }
  if (!info.isFile()) throw new UsageError(`'${arg}' is not a file`);
  return { kind: 'file', path: arg };
}

function libraryTarget(library: CaptureLibrary, id: string): CaptureTarget {
  return { kind: 'library', id, path: join(library.folder, id + CAPTURE_EXTENSION) };
}

/** The id of the newest capture with this name (the list is newest first), if any. */
function newestNamed(captures: readonly CaptureInfo[], name: string): string | null {
  return captures.find((info) => info.name === name)?.id ?? null;
}

/** Opens the capture read-only, showing what it does on the status line. */
async function openCapture(target: CaptureTarget, status: StatusLine, signal: AbortSignal): Promise<OpenedCapture> {
  const label = target.kind === 'library' ? target.id : target.path;
  const started = performance.now();
  if (target.kind === 'library' || (await readableFormat(target.path)) === 'ndjson') {
    const size = await stat(target.path).then(
      (s) => s.size,
      () => 0,
    );
    status.phase(() => `loading ${label} · ${formatBytes(size)} · ${elapsed(started)}`);
    const { store, notices } = await RecordStore.open(target.path);
    return { label, path: target.path, store, notices: notices.map((n) => n.message), close: async () => {} };
  }
  // Another format: imported into a capture of a temporary library, as the app opens such files.
  const folder = await mkdtemp(join(tmpdir(), 'sse-scope-import-'));
  try {
    let records = 0;
    status.phase(() => `importing ${label} · ${formatCount(records)} records · ${elapsed(started)}`);
    const library = new CaptureLibrary(folder);
    const imported = await importAsCapture(library, target.path, { onProgress: (n) => (records = n), signal });
    return {
      label,
      path: target.path,
      store: imported.store,
      notices: imported.notices.map((n) => (n.line === undefined ? n.message : `line ${n.line}: ${n.message}`)),
      close: () => rm(folder, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Prints what did not load, so a search or export of a damaged file does not look complete. */
/**
 * Opens a capture for a command with a status line on the terminal and Ctrl-C handling, runs
 * `work` on it, and always cleans up. Resolves with `work`'s exit code, or EXIT_INTERRUPTED when
 * the user stopped it.
 */
export async function withOpenedCapture(
  target: CaptureTarget,
  work: (opened: OpenedCapture, status: StatusLine, signal: AbortSignal) => Promise<number>,
): Promise<number> {
  const status = StatusLine.forStderr();
  const interrupt = abortOnInterrupt();
  const { signal } = interrupt;
  let opened: OpenedCapture | null = null;
  try {
    opened = await openCapture(target, status, signal);
    status.stop();
    reportNotices(opened);
    return await work(opened, status, signal);
  } catch (error) {
    if (signal.aborted) return EXIT_INTERRUPTED;
    throw error;
  } finally {
    status.stop();
    interrupt.dispose();
    await opened?.close();
  }
}

function reportNotices(opened: OpenedCapture): void {
  for (const notice of opened.notices) process.stderr.write(`sse-scope: ${opened.label}: ${notice}\n`);
}

async function readableFormat(path: string): Promise<string> {
  try {
    return await detectFormat(path);
  } catch (error) {
    throw new UsageError(`cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
