// The JSON tree the detail pane draws: event data parsed once (numbers kept as their source text,
// so 12345678901234567890 is not shown rounded), walked lazily node by node with a cap on the
// children shown, and paths that name each node for the expanded/collapsed state.

/** A JSON number as it was written in the data. */
export class JsonNumber {
  constructor(readonly source: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** Data larger than this is shown as text: a tree of it would not help anyone. */
export const MAX_TREE_CHARS = 2 * 1024 * 1024;
/** Children listed under one node; the rest are counted. */
export const MAX_CHILDREN = 500;

/** The data as a tree root when it is a JSON object or array, otherwise null (plain text). */
export function parseJsonTree(data: string): JsonValue | null {
  if (data.length > MAX_TREE_CHARS) return null;
  const first = data.trimStart()[0];
  if (first !== '{' && first !== '[') return null;
  try {
    // The reviver's third argument (JSON.parse source text access) carries a number's source.
    const reviver = (_key: string, value: unknown, context?: { source?: string }) =>
      typeof value === 'number' ? new JsonNumber(context?.source ?? String(value)) : value;
    return JSON.parse(data, reviver as (key: string, value: unknown) => unknown) as JsonValue;
  } catch {
    return null;
  }
}

export function kindOf(value: JsonValue): JsonKind {
  if (value === null) return 'null';
  if (value instanceof JsonNumber) return 'number';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

export interface JsonChild {
  key: string;
  /** Whether `key` is an array index (drawn without quotes). */
  index: boolean;
  value: JsonValue;
  path: string;
}

/** The first MAX_CHILDREN children of an object or array, and how many more there are. */
export function childrenOf(value: JsonValue, path: string): { children: JsonChild[]; more: number } {
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_CHILDREN);
    return {
      children: shown.map((child, i) => ({ key: String(i), index: true, value: child, path: `${path}[${i}]` })),
      more: value.length - shown.length,
    };
  }
  if (value !== null && typeof value === 'object' && !(value instanceof JsonNumber)) {
    const keys = Object.keys(value);
    const shown = keys.slice(0, MAX_CHILDREN);
    return {
      children: shown.map((key) => ({ key, index: false, value: value[key]!, path: `${path}.${JSON.stringify(key)}` })),
      more: keys.length - shown.length,
    };
  }
  return { children: [], more: 0 };
}

/** A leaf as it is drawn: strings quoted and escaped, numbers as written. */
export function leafText(value: JsonValue): string {
  if (value === null) return 'null';
  if (value instanceof JsonNumber) return value.source;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}

/** What a collapsed container shows: "{3 keys}", "[120 items]". */
export function containerSummary(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof JsonNumber)) {
    const size = Object.keys(value).length;
    return `{${size} ${size === 1 ? 'key' : 'keys'}}`;
  }
  return '';
}

/** A tree with fewer nodes than this (containers and leaves) opens completely. */
export const SMALL_TREE_NODES = 50;
/** Levels below the root opened at first in a larger tree. */
export const OPEN_LEVELS = 2;
/** Nodes a larger tree shows at first, about: its opened containers' children. */
export const INITIAL_BUDGET = 200;
/** Nodes "Expand all" opens at most (more would draw slowly and help no one). */
export const EXPAND_ALL_BUDGET = 5_000;

/**
 * The paths opened at first. A small tree opens completely (an LLM chunk's
 * `choices[0].delta.content` is in view at once). A larger one opens its first levels and, below
 * them, every container with a single child, so a chain of one-key objects unfolds down to its
 * leaf while wide branches stay closed.
 */
export function initiallyExpanded(root: JsonValue): Set<string> {
  if (countNodes(root, SMALL_TREE_NODES) < SMALL_TREE_NODES) return expandAll(root);
  const open = new Set<string>();
  let nodes = 0;
  const visit = (value: JsonValue, path: string, level: number) => {
    if (!isContainer(value) || nodes > EXPAND_ALL_BUDGET) return;
    const { children, more } = childrenOf(value, path);
    // A single child costs one row, so a chain opens even past the first budget.
    const singleChild = children.length === 1 && more === 0;
    if (!singleChild && (level > OPEN_LEVELS || nodes > INITIAL_BUDGET)) return;
    open.add(path);
    nodes += children.length;
    for (const child of children) visit(child.value, child.path, level + 1);
  };
  visit(root, '$', 0);
  return open;
}

/** Every container's path, until about `budget` nodes are open ("Expand all"). */
export function expandAll(root: JsonValue, budget = EXPAND_ALL_BUDGET): Set<string> {
  const open = new Set<string>();
  let nodes = 0;
  const visit = (value: JsonValue, path: string) => {
    if (!isContainer(value) || nodes > budget) return;
    open.add(path);
    const { children } = childrenOf(value, path);
    nodes += children.length;
    for (const child of children) visit(child.value, child.path);
  };
  visit(root, '$');
  return open;
}

/** The nodes in the tree (the root, every container and leaf), counted up to `limit`. */
export function countNodes(root: JsonValue, limit: number): number {
  let count = 0;
  const visit = (value: JsonValue) => {
    count++;
    if (count >= limit || !isContainer(value)) return;
    for (const child of Array.isArray(value) ? value : Object.values(value as { [key: string]: JsonValue })) {
      visit(child);
      if (count >= limit) return;
    }
  };
  visit(root);
  return Math.min(count, limit);
}

function isContainer(value: JsonValue): boolean {
  const kind = kindOf(value);
  return kind === 'object' || kind === 'array';
}
