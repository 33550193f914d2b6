// Reading an event's data as JSON, and the few typed looks into untrusted JSON values the shape
// readers need. Each answers "is it there, with this type?" and never throws.

import { messageOf } from '../../common/error-message.ts';

export type JsonObject = Record<string, unknown>;

export type ParsedData = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseData(data: string): ParsedData {
  try {
    return { ok: true, value: JSON.parse(data) as unknown };
  } catch (error) {
    return { ok: false, reason: `not JSON (${messageOf(error)})` };
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const found = value[key];
  return isObject(found) ? found : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const found = value[key];
  return typeof found === 'string' ? found : undefined;
}

export function numberAt(value: unknown, key: string): number | undefined {
  if (!isObject(value)) return undefined;
  const found = value[key];
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

export function arrayAt(value: unknown, key: string): unknown[] | undefined {
  if (!isObject(value)) return undefined;
  const found = value[key];
  return Array.isArray(found) ? found : undefined;
}

/** An error object's message as a user should read it: "overloaded_error: Overloaded". */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = stringAt(error, 'message');
  const kind = stringAt(error, 'type') ?? stringAt(error, 'code') ?? stringAt(error, 'status');
  if (message === undefined) return kind ?? JSON.stringify(error);
  return kind && !message.includes(kind) ? `${kind}: ${message}` : message;
}

/** A short description of a value's JSON type, for malformed-chunk reasons. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
