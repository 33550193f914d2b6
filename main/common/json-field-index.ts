// Remembers, per record, the value at a JSON path of its data, for the data.path=value and
// data.path~text filters: a search that needs every record's data parsed (the value is a number,
// or the text is not in the raw data) pays the parse once, and later searches on the same path
// look the value up. One index per store, built lazily as searches run, bounded in memory:
//
// - a field's values are interned: each record holds a 2-byte value number and the 4-byte seq it
//   belongs to, in a ring of `span` slots (the store's window size, at most MAX_SPAN) addressed
//   by seq, so a record costs 6 bytes per remembered path, plus each distinct value once;
// - a field stops learning new values past MAX_VALUES distinct ones or MAX_VALUE_CHARS of text
//   (a path to free text, such as a token's content, is not worth holding): the records it knows
//   stay known, the others are parsed as before;
// - at most MAX_FIELDS paths are remembered, the least recently searched one dropped first.

/** A record whose value is not known yet. */
export const UNKNOWN_VALUE = 0;
/** A record whose data is not JSON, or has nothing at the path. */
export const NO_VALUE = 1;

const MAX_FIELDS = 4;
const MAX_SPAN = 1_000_000; // 6 MB a path
const MAX_VALUES = 65_535; // value numbers fit 2 bytes
const MAX_VALUE_CHARS = 4 * 1024 * 1024;
/** Seqs are tagged in 4 bytes; a record numbered past that is not remembered. */
const MAX_SEQ = 0xffff_ffff;

export class JsonFieldIndex {
  readonly #span: number;
  /** By path key, least recently used first (a Map keeps insertion order). */
  readonly #fields = new Map<string, FieldValues>();

  /** `span`: records remembered per path (the newest ones searched, by seq). */
  constructor(span: number) {
    this.#span = Math.max(1, Math.min(span, MAX_SPAN));
  }

  /** The values remembered for `path`, made empty on first use. */
  field(path: readonly string[]): FieldValues {
    const key = JSON.stringify(path);
    let field = this.#fields.get(key);
    if (field) {
      this.#fields.delete(key);
    } else {
      field = new FieldValues(this.#span);
      if (this.#fields.size >= MAX_FIELDS) this.#fields.delete(this.#fields.keys().next().value!);
    }
    this.#fields.set(key, field);
    return field;
  }
}

/** One path's values: record seq -> value number -> value. */
export class FieldValues {
  readonly #seqs: Uint32Array;
  readonly #ids: Uint16Array;
  /** Value number - 2 -> value. */
  readonly #values: string[] = [];
  readonly #numbers = new Map<string, number>();
  #chars = 0;

  constructor(span: number) {
    this.#seqs = new Uint32Array(span);
    this.#ids = new Uint16Array(span);
  }

  /** How many distinct values are known: value numbers run below this. */
  get size(): number {
    return this.#values.length + 2;
  }

  /** UNKNOWN_VALUE, NO_VALUE, or the number of the record's value. */
  idOf(seq: number): number {
    const slot = seq % this.#seqs.length;
    return this.#seqs[slot] === seq ? this.#ids[slot]! : UNKNOWN_VALUE;
  }

  /** The value with this number (undefined for NO_VALUE). */
  value(id: number): string | undefined {
    return this.#values[id - 2];
  }

  /** Remembers the record's value (undefined: none), unless the field is full or the seq too large. */
  remember(seq: number, value: string | undefined): void {
    if (seq > MAX_SEQ) return;
    const id = value === undefined ? NO_VALUE : this.#numberOf(value);
    if (id === UNKNOWN_VALUE) return;
    const slot = seq % this.#seqs.length;
    this.#seqs[slot] = seq;
    this.#ids[slot] = id;
  }

  #numberOf(value: string): number {
    const known = this.#numbers.get(value);
    if (known !== undefined) return known;
    if (this.#values.length >= MAX_VALUES - 1 || this.#chars + value.length > MAX_VALUE_CHARS) return UNKNOWN_VALUE;
    this.#values.push(value);
    this.#chars += value.length;
    const id = this.#values.length + 1;
    this.#numbers.set(value, id);
    return id;
  }
}
