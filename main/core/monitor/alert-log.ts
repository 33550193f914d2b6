// The alert log on disk: beside each capture's records (`<id>.ndjson`) a file `<id>.alerts.jsonl`
// with one JSON line per change of an alert raised while that capture recorded: the whole alert
// as it is after the change (raised, more matches counted, recovered, acknowledged). Reading keeps
// the last line of each id. Append-only, owner-only (0600), written in order by one queue; lines
// for a capture that has been deleted are dropped rather than leaving a stray file behind.

import { appendFile, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AlertSchema, type Alert } from '../../common/alert-schema.ts';
import { OWNER_ONLY_FILE } from '../file-modes.ts';
import { ALERTS_EXTENSION, CAPTURE_EXTENSION, checkId } from '../store/capture-meta.ts';

export function alertLogPath(folder: string, captureId: string): string {
  return join(folder, checkId(captureId) + ALERTS_EXTENSION);
}

export interface ReadAlerts {
  /** Every alert of every capture in the folder, oldest first. */
  alerts: Alert[];
  /** Lines that could not be read, one message each. */
  problems: string[];
}

/** The alerts kept in a captures folder (none when it does not exist yet). */
export async function readAlertLogs(folder: string): Promise<ReadAlerts> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { alerts: [], problems: [] };
    throw error;
  }
  const present = new Set(names);
  const byId = new Map<string, Alert>();
  const problems: string[] = [];
  for (const name of names) {
    if (!name.endsWith(ALERTS_EXTENSION) || name.startsWith('.')) continue;
    const captureId = name.slice(0, -ALERTS_EXTENSION.length);
    if (!present.has(captureId + CAPTURE_EXTENSION)) continue; // its capture is gone
    let text: string;
    try {
      text = await readFile(join(folder, name), 'utf8');
    } catch (error) {
      problems.push(`${name}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const alert = parseLine(line);
      if (alert) byId.set(alert.id, alert);
      // The last line may be cut short by a crash while it was written: that is no news.
      else if (index < lines.length - 1) problems.push(`${name}, line ${index + 1}: not an alert`);
    });
  }
  const alerts = [...byId.values()].sort((a, b) => a.time - b.time);
  return { alerts, problems };
}

function parseLine(line: string): Alert | null {
  try {
    const parsed = AlertSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Appends alert snapshots to their captures' logs, in order, a batch per file at a time. */
export class AlertLogWriter {
  readonly #folder: string;
  readonly #onError: (error: Error) => void;
  /** Lines waiting, by capture id, in the order they were added. */
  #pending = new Map<string, string[]>();
  #draining: Promise<void> | null = null;

  constructor(folder: string, onError: (error: Error) => void) {
    this.#folder = folder;
    this.#onError = onError;
  }

  append(alert: Alert): void {
    const lines = this.#pending.get(alert.captureId);
    const line = JSON.stringify(alert) + '\n';
    if (lines) lines.push(line);
    else this.#pending.set(alert.captureId, [line]);
    this.#draining ??= this.#drain().finally(() => (this.#draining = null));
  }

  /** Resolves once every line appended so far is written (or has failed and been reported). */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#pending.size > 0) {
      const batch = this.#pending;
      this.#pending = new Map();
      for (const [captureId, lines] of batch) {
        try {
          await this.#write(captureId, lines.join(''));
        } catch (error) {
          this.#onError(error instanceof Error ? error : new Error(String(error)));
        }
      }
    }
  }

  async #write(captureId: string, text: string): Promise<void> {
    const records = join(this.#folder, checkId(captureId) + CAPTURE_EXTENSION);
    const exists = await stat(records).then(
      () => true,
      () => false,
    );
    if (!exists) return; // the capture was deleted: its alerts went with it
    await appendFile(alertLogPath(this.#folder, captureId), text, { mode: OWNER_ONLY_FILE });
  }
}
