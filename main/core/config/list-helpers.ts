// Small rules shared by the connection and environment lists: finding an item by id, free names
// ("Feed (2)"), merging an edit into what is saved, and reordering.

import { ConfigError } from './problems.ts';

export function indexOfId(items: readonly { id: string }[], id: string, noun: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index === -1) throw new ConfigError(`No ${noun} with id ${JSON.stringify(id)}`);
  return index;
}

/**
 * `name`, or the first of "name (2)", "name (3)"... that no item has ("Feed (2)" counts on from 2).
 * Scans the items instead of building a set of their names: a burst of creates stays cheap.
 */
export function uniqueName(name: string, items: readonly { name: string }[]): string {
  const taken = (candidate: string) => items.some((item) => item.name === candidate);
  const trimmed = name.trim();
  if (!taken(trimmed)) return trimmed;
  const base = trimmed.replace(/ \(\d+\)$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * An edit applied to a saved item: top-level fields replace, and settings groups (plain objects
 * such as `reconnect`) merge one level deep, so `{reconnect: {retryHttpErrors: true}}` keeps the
 * other reconnect settings. Lists (headers, variables, tags) are replaced whole.
 */
export function mergeEdit(saved: Record<string, unknown>, edit: unknown, noun: string): Record<string, unknown> {
  if (!isPlainObject(edit)) throw new ConfigError(`An edit to a ${noun} must be an object of the fields to change`);
  const merged: Record<string, unknown> = { ...saved };
  for (const [key, value] of Object.entries(edit)) {
    if (key === 'id' || value === undefined) continue;
    merged[key] = isPlainObject(value) && isPlainObject(saved[key]) ? { ...saved[key], ...value } : value;
  }
  return merged;
}

/** The items in the order of `ids`, which must name every item exactly once. */
export function reorderById<T extends { id: string }>(items: readonly T[], ids: readonly string[], noun: string): T[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const unknown = ids.filter((id) => !byId.has(id));
  const missing = items.filter((item) => !ids.includes(item.id)).map((item) => item.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (unknown.length || missing.length || repeated.length) {
    const parts = [
      unknown.length ? `unknown: ${unknown.join(', ')}` : '',
      missing.length ? `missing: ${missing.join(', ')}` : '',
      repeated.length ? `repeated: ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    throw new ConfigError(`A new order must list every ${noun} id exactly once (${parts.join('; ')})`);
  }
  return ids.map((id) => byId.get(id)!);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
