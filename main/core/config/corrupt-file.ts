// A config file that cannot be used (not JSON, not an object, failing the schema, or written by a
// newer version) is moved aside byte for byte, next to where it was, with a timestamp in its name
// (config.corrupt-2026-11-21T05-40-00.json), and the user is told. Nothing else is lost: the app
// starts with an empty configuration, and the old file is there to repair or send in. (A file whose
// only problems are some of its entries keeps the rest: see invalid-entries.ts.)

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { messageOf } from '../../common/error-message.ts';
import { OWNER_ONLY_FILE } from '../file-modes.ts';

/** Something the app should show the user once the config is open. */
export interface ConfigNotice {
  kind: 'config-set-aside' | 'config-entries-set-aside' | 'secrets-unavailable';
  message: string;
  /** Where the unusable file (or the entries set aside) is now. */
  movedTo?: string;
  /** What was wrong, in detail (also at the end of the message). */
  problems?: string;
}

export type AsideLabel = 'corrupt' | 'newer' | 'invalid-entries';

export type FileCheck =
  { state: 'missing' } | { state: 'usable'; bytes: Buffer } | { state: 'unusable'; bytes: Buffer; label: AsideLabel; problem: string };

/** JSON.parse, forgiving a byte order mark (an editor may add one). */
export function parseJson(text: string): unknown {
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

/** Reads the file and checks what can be checked before conf opens it. */
export function checkConfigFile(path: string, currentVersion: number): FileCheck {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  let doc: unknown;
  try {
    doc = parseJson(bytes.toString('utf8'));
  } catch (error) {
    return { state: 'unusable', bytes, label: 'corrupt', problem: `it is not valid JSON (${messageOf(error)})` };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { state: 'unusable', bytes, label: 'corrupt', problem: 'it is not a JSON object' };
  }
  const version = (doc as { version?: unknown }).version;
  if (version !== undefined && !(Number.isInteger(version) && (version as number) >= 0)) {
    return { state: 'unusable', bytes, label: 'corrupt', problem: `its "version" is not a format number (${JSON.stringify(version)})` };
  }
  if (typeof version === 'number' && version > currentVersion) {
    return {
      state: 'unusable',
      bytes,
      label: 'newer',
      problem: `it was written by a newer version of SSE Scope (format ${version}; this version reads up to ${currentVersion})`,
    };
  }
  return { state: 'usable', bytes };
}

/**
 * Writes `bytes` (the file as it was first read) to a new timestamped file beside `path`, then
 * removes `path`. Returns the new path.
 */
export function setAside(path: string, bytes: Buffer, label: AsideLabel, now: Date): string {
  const candidate = writeBeside(path, bytes, label, now);
  rmSync(path, { force: true });
  return candidate;
}

/** Writes `bytes` to a new owner-only file beside `path` named for `label` and the time (never over another). */
export function writeBeside(path: string, bytes: Buffer, label: AsideLabel, now: Date): string {
  const extension = extname(path);
  const stem = basename(path, extension);
  const stamp = now.toISOString().slice(0, 19).replaceAll(':', '-');
  for (let n = 1; ; n++) {
    const candidate = join(dirname(path), `${stem}.${label}-${stamp}${n === 1 ? '' : `-${n}`}${extension}`);
    try {
      writeFileSync(candidate, bytes, { flag: 'wx', mode: OWNER_ONLY_FILE });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    return candidate;
  }
}

export function setAsideNotice(movedTo: string, problem: string, problems?: string): ConfigNotice {
  return {
    kind: 'config-set-aside',
    message: `The saved configuration could not be used: ${problem}. It was moved to ${movedTo}, and SSE Scope started with an empty configuration.${problems ? `\n${problems}` : ''}`,
    movedTo,
    ...(problems ? { problems } : {}),
  };
}
