// The JSON paths a user's rule may name: `$.a.b[0].c`, `$['key with.dots']`, `$.items[-1]` (from
// the end), and `choices.0.delta` (the search language's spelling: no `$`, indexes as names).
// Written here rather than taken from a JSONPath library: a rule picks one value per event, so
// this subset is all it needs; it is compiled once and walked per event without allocation; and a
// path from an imported collection runs no script (full JSONPath has filter expressions, which
// jsonpath-plus evaluates, and which were behind its remote-code-execution advisories).

export type PathStep = { key: string } | { index: number };

export type CompiledPath = { ok: true; steps: PathStep[] } | { ok: false; problem: string };

const NAME_END = /[.[\]]/;

export function compileJsonPath(expression: string): CompiledPath {
  const text = expression.trim();
  if (text === '') return { ok: false, problem: 'the JSON path is empty (for example $.choices[0].delta.content)' };
  const steps: PathStep[] = [];
  // `$`, or a leading name without `$.`
  let at = text[0] === '$' ? 1 : readName(text, 0, steps);
  while (at < text.length) {
    const c = text[at];
    if (c === '.') {
      const next = readName(text, at + 1, steps);
      if (next === at + 1) return fail(text, at, 'a name after "."');
      at = next;
    } else if (c === '[') {
      const next = readBracket(text, at + 1, steps);
      if (next < 0) return fail(text, at, 'an index or a quoted name in [ ], closed by ]');
      at = next;
    } else {
      return fail(text, at, '"." or "["');
    }
  }
  return { ok: true, steps };
}

/** The value at the path, or undefined where the path leads nowhere. */
export function evaluateJsonPath(steps: readonly PathStep[], value: unknown): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if ('index' in step) {
      if (!Array.isArray(current)) return undefined;
      current = current[step.index < 0 ? current.length + step.index : step.index];
    } else if (Array.isArray(current)) {
      // `choices.0`: a name of digits indexes an array, as in the search language.
      if (!/^\d+$/.test(step.key)) return undefined;
      current = current[Number(step.key)];
    } else {
      current = Object.hasOwn(current, step.key) ? (current as Record<string, unknown>)[step.key] : undefined;
    }
  }
  return current;
}

/** Reads a plain name from `start`; returns where it ended (== start when there was none). */
function readName(text: string, start: number, steps: PathStep[]): number {
  let end = start;
  while (end < text.length && !NAME_END.test(text[end]!)) end++;
  if (end > start) steps.push({ key: text.slice(start, end).trim() });
  return end;
}

/** Reads `n]`, `-n]`, `'name']` or `"name"]` from `start`; returns the position after `]`, or -1. */
function readBracket(text: string, start: number, steps: PathStep[]): number {
  const quote = text[start];
  if (quote === "'" || quote === '"') {
    let key = '';
    let at = start + 1;
    while (at < text.length && text[at] !== quote) {
      if (text[at] === '\\' && at + 1 < text.length) at++;
      key += text[at];
      at++;
    }
    if (text[at] !== quote || text[at + 1] !== ']') return -1;
    steps.push({ key });
    return at + 2;
  }
  const close = text.indexOf(']', start);
  if (close < 0) return -1;
  const inner = text.slice(start, close).trim();
  if (!/^-?\d+$/.test(inner)) return -1;
  steps.push({ index: Number(inner) });
  return close + 1;
}

function fail(text: string, at: number, expected: string): CompiledPath {
  return { ok: false, problem: `the JSON path "${text}" needs ${expected} at character ${at + 1}` };
}
