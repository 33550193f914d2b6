// The data.path=value and data.path~text filters: parse an event's data as JSON (once per record
// per search, however many data filters the query has), walk the path, and compare the value's
// string form. A cheap check on the raw text skips the parse for most records that cannot match.

import type { EventRecord } from './records.ts';

const NOT_JSON = Symbol('not JSON');

/** The parsed data of the last record asked for; one per search. */
export class JsonDataCache {
  #record: EventRecord | null = null;
  #value: unknown = NOT_JSON;

  parse(record: EventRecord): unknown {
    if (record !== this.#record) {
      this.#record = record;
      try {
        this.#value = JSON.parse(record.data);
      } catch {
        this.#value = NOT_JSON;
      }
    }
    return this.#value;
  }
}

/** What a value is compared as: strings as they are, numbers/true/false/null as written, objects and arrays as compact JSON. */
export function stringForm(value: unknown): string | undefined {
  if (value === NOT_JSON || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** The value at `path` (array indexes as numbers), or undefined. */
export function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    if (Array.isArray(value)) {
      if (!/^(0|[1-9][0-9]*)$/.test(key)) return undefined;
      value = value[Number(key)];
    } else {
      if (!Object.hasOwn(value, key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
  }
  return value;
}

/**
 * Whether the raw data text must contain `needle` (as typed) for the value at any path to match.
 * True when the data has no backslash (so no JSON escapes: every string value appears in the raw
 * text character for character) and the needle has no JSON punctuation or space (so it lies
 * within one token) and a character no number has (so it is not in a number, which JSON may
 * write differently, e.g. 1.0 for 1). Then a raw text without the needle can be skipped.
 */
export function needleFitsOneToken(needle: string): boolean {
  return needle !== '' && !/[\s{}[\]:,"\\]/.test(needle) && /[^0-9.eE+-]/.test(needle);
}
