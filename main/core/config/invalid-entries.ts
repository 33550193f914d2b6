// One bad entry must not hide the rest: a config document of the current format whose only
// problems are some of its connections or environments (or its settings) keeps everything valid,
// and the invalid entries are set aside alone: each one, as it was in the file, goes to a side
// file beside config.json (config.invalid-entries-<time>.json, owner-only) with what was wrong,
// and the user is told which ones. An entry is invalid when it fails the schema, or when its id or
// name is already taken by an earlier entry. Settings that fail go back to their defaults. A
// document whose shape itself is broken (connections not a list), or one that needed migrating,
// is not pieced together here: the caller sets the whole file aside (corrupt-file.ts).

import {
  CONFIG_VERSION,
  ConfigDocumentSchema,
  EnvironmentSchema,
  SavedConnectionSchema,
  SettingsSchema,
  type ConfigDocument,
} from '../../common/config-schema.ts';
import type { z } from 'zod';
import { writeBeside, type ConfigNotice } from './corrupt-file.ts';
import { describeProblems } from '../../common/validation-problems.ts';

type Json = Record<string, unknown>;

export interface InvalidEntry {
  /** How the notice names it: 'connection "Feed"', 'environment #2', 'the settings'. */
  label: string;
  /** What was wrong, as zod words it, with the entry's path in the document. */
  problems: string;
  /** The entry as it was in the file. */
  entry: unknown;
}

export interface SortedEntries {
  /** The document with the valid entries only. */
  doc: ConfigDocument;
  connections: InvalidEntry[];
  environments: InvalidEntry[];
  /** Settings that failed the schema (the document has the defaults instead); null when they were fine. */
  settings: InvalidEntry | null;
}

/** The valid part of the document and its invalid entries; null when the document cannot be pieced together. */
export function sortEntries(stored: Json): SortedEntries | null {
  if (stored.version !== CONFIG_VERSION) return null;
  const connectionsIn = stored.connections ?? [];
  const environmentsIn = stored.environments ?? [];
  if (!Array.isArray(connectionsIn) || !Array.isArray(environmentsIn)) return null;

  const connections = keepValid(connectionsIn, 'connections', 'connection', SavedConnectionSchema);
  const environments = keepValid(environmentsIn, 'environments', 'environment', EnvironmentSchema);
  const settingsParsed = SettingsSchema.safeParse(stored.settings ?? {});
  const settings = settingsParsed.success
    ? null
    : { label: 'the settings', problems: describeProblems(settingsParsed.error, 5, ['settings']), entry: stored.settings };
  const active = environments.valid.some((environment) => environment.id === stored.activeEnvironmentId)
    ? stored.activeEnvironmentId
    : null;

  const parsed = ConfigDocumentSchema.safeParse({
    version: CONFIG_VERSION,
    connections: connections.valid,
    environments: environments.valid,
    activeEnvironmentId: active,
    settings: settingsParsed.success ? settingsParsed.data : {},
  });
  if (!parsed.success) return null;
  return { doc: parsed.data, connections: connections.invalid, environments: environments.invalid, settings };
}

/** Whether anything was set aside. */
export function hasInvalid(sorted: SortedEntries): boolean {
  return sorted.connections.length > 0 || sorted.environments.length > 0 || sorted.settings !== null;
}

/** Writes the invalid entries to the side file beside `configPath`; returns the notice that names them. */
export function setInvalidEntriesAside(configPath: string, sorted: SortedEntries, now: Date): ConfigNotice {
  const entries = [...sorted.connections, ...sorted.environments, ...(sorted.settings ? [sorted.settings] : [])];
  const document = {
    about:
      'Entries of config.json that SSE Scope could not use, set aside when it started. ' +
      'Fix one and add it again in the app (or put it back into config.json while SSE Scope is closed).',
    setAsideAt: now.toISOString(),
    connections: sorted.connections.map(({ problems, entry }) => ({ problems: problems.split('\n'), entry })),
    environments: sorted.environments.map(({ problems, entry }) => ({ problems: problems.split('\n'), entry })),
    ...(sorted.settings ? { settings: { problems: sorted.settings.problems.split('\n'), entry: sorted.settings.entry } } : {}),
  };
  const movedTo = writeBeside(configPath, Buffer.from(JSON.stringify(document, null, 2) + '\n'), 'invalid-entries', now);
  const names = entries.map((entry) => entry.label).join(', ');
  const what = entries.length === 1 ? 'One saved item could not be used' : `${entries.length} saved items could not be used`;
  return {
    kind: 'config-entries-set-aside',
    message: `${what} and ${entries.length === 1 ? 'was' : 'were'} set aside: ${names}. They are kept in ${movedTo}, with what was wrong; everything else loaded.`,
    movedTo,
    problems: entries.map((entry) => entry.problems).join('\n'),
  };
}

/** The entries that pass the schema and take no id or name already taken, and the others. */
function keepValid<S extends z.ZodType<{ id: string; name: string }>>(
  items: unknown[],
  key: string,
  noun: string,
  schema: S,
): { valid: z.output<S>[]; invalid: InvalidEntry[] } {
  const valid: z.output<S>[] = [];
  const invalid: InvalidEntry[] = [];
  items.forEach((entry, index) => {
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      invalid.push({ label: labelOf(noun, entry, index), problems: describeProblems(parsed.error, 5, [key, index]), entry });
      return;
    }
    const item = parsed.data;
    if (valid.some((other) => other.id === item.id)) {
      const problem = { message: `Another ${noun} has the same id`, path: [key, index, 'id'] };
      invalid.push({ label: labelOf(noun, entry, index), problems: describeProblems({ issues: [problem] }), entry });
    } else if (valid.some((other) => other.name === item.name)) {
      invalid.push({
        label: `${noun} "${item.name}" (the second one of that name)`,
        problems: describeProblems({
          issues: [{ message: `Another ${noun} is already named "${item.name}"`, path: [key, index, 'name'] }],
        }),
        entry,
      });
    } else {
      valid.push(item);
    }
  });
  return { valid, invalid };
}

function labelOf(noun: string, entry: unknown, index: number): string {
  const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() !== '' ? `${noun} "${name.trim()}"` : `${noun} #${index + 1} (no name)`;
}
