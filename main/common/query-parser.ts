// The search language, small enough to type: words and "quoted phrases" (case-insensitive
// substring), /regex/flags, field filters type:x, id:x, kind:x, data.path=value and
// data.path~text, each negated by a leading "-", all combined with spaces (AND).
// A malformed query comes back as {message, position}, never as an exception.

import { RECORD_KINDS, type RecordKind } from './records.ts';
import { messageOf } from './error-message.ts';

interface TermBase {
  negated: boolean;
  /** Index in the query where the term starts (its "-" included). */
  position: number;
}

export type QueryTerm = TermBase &
  (
    | { term: 'text'; text: string }
    | { term: 'regex'; regex: RegExp }
    | { term: 'type' | 'id'; value: string }
    | { term: 'kind'; value: RecordKind }
    /** `path` is empty for `data=x` / `data~x` (the data text itself). */
    | { term: 'data'; path: string[]; op: '=' | '~'; value: string }
  );

export interface QueryError {
  message: string;
  /** Index in the query (0-based, UTF-16 units) the error points at. */
  position: number;
}

export type ParsedQuery = { ok: true; terms: QueryTerm[] } | { ok: false; error: QueryError };

/** Thrown inside the parser only; parseQuery turns it into a value. */
class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const KINDS = new Set<string>(RECORD_KINDS);
/** Flags a search regex may carry (g and y are accepted and ignored). */
const REGEX_FLAGS = 'dgimsuvy';
const NAMED_FIELD = /^(type|id|kind):/i;
/** `data` followed by path segments and an operator, e.g. data.choices.0.delta.content~hi */
const DATA_FILTER = /^data(?:\.[^\s.=~]*)*[=~]/i;

export function parseQuery(input: string): ParsedQuery {
  try {
    return { ok: true, terms: new Parser(input).terms() };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, error: { message: error.message, position: error.position } };
    throw error;
  }
}

class Parser {
  #pos = 0;
  readonly #input: string;

  constructor(input: string) {
    this.#input = input;
  }

  terms(): QueryTerm[] {
    const terms: QueryTerm[] = [];
    for (;;) {
      this.#skipSpaces();
      if (this.#pos >= this.#input.length) return terms;
      terms.push(this.#term());
    }
  }

  #term(): QueryTerm {
    const input = this.#input;
    const position = this.#pos;
    const negated = input[position] === '-';
    if (negated) {
      this.#pos++;
      if (this.#atTermEnd())
        throw new QuerySyntaxError('Expected a term after "-" (to search for "-" itself, write "-" in quotes)', position);
    }
    const start = this.#pos;
    const rest = input.slice(start);
    const char = input[start];
    if (char === '"') {
      const text = this.#quoted('phrase');
      if (text === '') throw new QuerySyntaxError('Empty phrase: put the text to find between the quotes', start);
      return { term: 'text', text, negated, position };
    }
    if (char === '/') return { term: 'regex', regex: this.#regex(), negated, position };
    const named = NAMED_FIELD.exec(rest);
    if (named) {
      const field = named[1]!.toLowerCase() as 'type' | 'id' | 'kind';
      this.#pos += named[0].length;
      const valueAt = this.#pos;
      const value = this.#value(named[0]);
      if (field !== 'kind') return { term: field, value, negated, position };
      if (!KINDS.has(value)) throw new QuerySyntaxError(`Unknown kind "${value}" (kinds: ${RECORD_KINDS.join(', ')})`, valueAt);
      return { term: 'kind', value: value as RecordKind, negated, position };
    }
    if (DATA_FILTER.test(rest)) return { ...this.#dataFilter(), negated, position };
    return { term: 'text', text: this.#word(), negated, position };
  }

  /** data[.seg]*(=|~)value; DATA_FILTER already checked the overall shape. */
  #dataFilter(): { term: 'data'; path: string[]; op: '=' | '~'; value: string } {
    const input = this.#input;
    const start = this.#pos;
    this.#pos += 'data'.length;
    const path: string[] = [];
    while (input[this.#pos] === '.') {
      const segmentStart = ++this.#pos;
      while (this.#pos < input.length && !'.=~'.includes(input[this.#pos]!)) this.#pos++;
      if (this.#pos === segmentStart) throw new QuerySyntaxError('Empty name in the data path (write data.a.b=value)', segmentStart);
      path.push(input.slice(segmentStart, this.#pos));
    }
    const op = input[this.#pos] as '=' | '~';
    this.#pos++;
    return { term: 'data', path, op, value: this.#value(input.slice(start, this.#pos)) };
  }

  /** A field filter's value: a quoted string or a bare word. */
  #value(filter: string): string {
    if (this.#input[this.#pos] === '"') return this.#quoted('value');
    if (this.#atTermEnd()) throw new QuerySyntaxError(`Missing value after "${filter}" (write ${filter}"" for an empty value)`, this.#pos);
    return this.#word();
  }

  /** A "..." string with \" and \\ escapes, which must end the term. */
  #quoted(what: 'phrase' | 'value'): string {
    const input = this.#input;
    const open = this.#pos;
    let text = '';
    let i = open + 1;
    for (;;) {
      if (i >= input.length) throw new QuerySyntaxError(`Unclosed quote: the ${what} needs a closing "`, open);
      const c = input[i]!;
      if (c === '"') break;
      if (c === '\\' && i + 1 < input.length) {
        text += input[i + 1];
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    this.#pos = i + 1;
    if (!this.#atTermEnd()) throw new QuerySyntaxError('Expected a space after the closing quote', this.#pos);
    return text;
  }

  /** /source/flags: the closing slash is the first one not escaped and not inside [...]. */
  #regex(): RegExp {
    const input = this.#input;
    const open = this.#pos;
    let i = open + 1;
    let inClass = false;
    for (; i < input.length; i++) {
      const c = input[i];
      if (c === '\\') i++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
    }
    if (i >= input.length) throw new QuerySyntaxError('Unclosed regular expression: it needs a closing /', open);
    const source = input.slice(open + 1, i);
    if (source === '') throw new QuerySyntaxError('Empty regular expression', open);
    let end = i + 1;
    while (end < input.length && /[a-z]/i.test(input[end]!)) end++;
    const flags = input.slice(i + 1, end);
    this.#pos = end;
    if (!this.#atTermEnd()) {
      throw new QuerySyntaxError('Expected a space after the regular expression (to search for text with "/", put it in quotes)', i + 1);
    }
    for (let f = 0; f < flags.length; f++) {
      const flag = flags[f]!;
      if (!REGEX_FLAGS.includes(flag))
        throw new QuerySyntaxError(`Unknown regular expression flag "${flag}" (flags: ${REGEX_FLAGS.split('').join(', ')})`, i + 1 + f);
      if (flags.indexOf(flag) !== f) throw new QuerySyntaxError(`Regular expression flag "${flag}" is repeated`, i + 1 + f);
    }
    try {
      // g and y make test() stateful; matching and highlighting add what they need themselves.
      return new RegExp(source, flags.replace(/[gy]/g, ''));
    } catch (error) {
      // V8 says "Invalid regular expression: /(/: Unterminated group"; keep the reason.
      const reason = messageOf(error).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      throw new QuerySyntaxError(`Invalid regular expression: ${reason}`, open);
    }
  }

  #word(): string {
    const start = this.#pos;
    while (!this.#atTermEnd()) this.#pos++;
    return this.#input.slice(start, this.#pos);
  }

  #atTermEnd(): boolean {
    return this.#pos >= this.#input.length || isSpace(this.#input.charCodeAt(this.#pos));
  }

  #skipSpaces(): void {
    while (this.#pos < this.#input.length && isSpace(this.#input.charCodeAt(this.#pos))) this.#pos++;
  }
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x0b || code === 0xa0 || code === 0x3000
  );
}
