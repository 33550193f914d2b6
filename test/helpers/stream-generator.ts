// Random event streams as bytes, for differential tests: mixtures of data, event, id, retry,
// comment and unknown lines, bare field names, CR/LF/CRLF endings, unicode (astral too), BOMs,
// empty values, colons in values, NUL in ids, invalid UTF-8 and missing final blank lines.

import { pick, randomInt, type Rng } from './chunking.ts';

export interface GeneratedStream {
  bytes: Uint8Array;
  /** Every type an event of this stream can have ("message" and each `event:` value, decoded). */
  eventTypes: string[];
}

export interface GeneratorOptions {
  /** Most blocks in one stream. */
  maxBlocks?: number;
  /** Put invalid UTF-8 byte sequences into values. */
  invalidUtf8?: boolean;
}

type Piece = string | readonly number[];

const BOM = [0xef, 0xbb, 0xbf];
const TEXT_PIECES = ['a', 'b', 'xyz', '42', ' ', '  ', ':', ': ', 'é', '€', '𝄞', '🎉', 'ünï', '\t', '\u0085', '\u2028', '\ufeff', '"{}"'];
const INVALID_PIECES: readonly (readonly number[])[] = [
  [0xff],
  [0x80],
  [0xc0, 0xaf], // overlong
  [0xed, 0xa0, 0x80], // a surrogate
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0xf0, 0x9f, 0x98], // a 4-byte character cut short
  [0xe2, 0x82], // a 3-byte character cut short
  [0xc2],
];
const EVENT_TYPES = ['add', 'remove', 'message', 'ünï', '🎉', 'error', 'open', 'a:b', ' spaced'];
const RETRY_VALUES = ['1000', '0', '007', '1.5', '-1', '1e3', '', '10a', ' 10', '５'];
const UNKNOWN_NAMES = ['foo', 'Data', 'ID', 'Event', 'retry ', 'data ', 'dat', 'datas', '\ufeffdata', 'ïd'];

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function generateStream(rng: Rng, options: GeneratorOptions = {}): GeneratedStream {
  const pieces: Piece[] = [];
  const eventTypes = new Set<string>(['message']);
  const endings = pick(rng, ['LF', 'CR', 'CRLF', 'mixed'] as const);
  const eol = (): string => {
    const kind = endings === 'mixed' ? pick(rng, ['LF', 'CR', 'CRLF'] as const) : endings;
    return kind === 'LF' ? '\n' : kind === 'CR' ? '\r' : '\r\n';
  };
  const value = (allowNul: boolean): Piece[] => {
    const out: Piece[] = [];
    const count = rng() < 0.15 ? 0 : randomInt(rng, 1, 5);
    for (let i = 0; i < count; i++) {
      if (options.invalidUtf8 && rng() < 0.15) out.push(pick(rng, INVALID_PIECES));
      else if (allowNul && rng() < 0.1) out.push('\u0000');
      else out.push(pick(rng, TEXT_PIECES));
    }
    return out;
  };
  // A field line; the separator is ":" or ": " (or none), so values with their own leading space
  // exercise the one-space rule.
  const field = (name: string, valuePieces: Piece[]): Piece[] => {
    const separator = pick(rng, [': ', ':', ':', ': ']);
    return [name, separator, ...valuePieces, eol()];
  };

  if (rng() < 0.25) pieces.push(BOM);
  if (rng() < 0.03) pieces.push(BOM); // a second BOM is content
  if (rng() < 0.05) pieces.push('ï»¿'); // the BOM's bytes read as Latin-1: content, not a BOM

  const blocks = randomInt(rng, 0, options.maxBlocks ?? 10);
  for (let b = 0; b < blocks; b++) {
    const lines = randomInt(rng, 0, 6);
    for (let l = 0; l < lines; l++) {
      const roll = rng();
      if (roll < 0.4) pieces.push(...field('data', value(true)));
      else if (roll < 0.5) {
        const type = rng() < 0.8 ? [pick(rng, EVENT_TYPES)] : value(false);
        pieces.push(...field('event', type));
        const text = decoder.decode(bytesOf(type));
        eventTypes.add(text);
        eventTypes.add(text.startsWith(' ') ? text.slice(1) : ` ${text}`);
      } else if (roll < 0.62) pieces.push(...field('id', rng() < 0.5 ? [String(randomInt(rng, 0, 999))] : value(true)));
      else if (roll < 0.68) pieces.push(...field('retry', [pick(rng, RETRY_VALUES)]));
      else if (roll < 0.78) pieces.push(':', ...value(true), eol());
      else if (roll < 0.84) pieces.push(...field(pick(rng, UNKNOWN_NAMES), value(true)));
      else if (roll < 0.9)
        pieces.push(pick(rng, ['data', 'id', 'event', 'retry']), eol()); // no colon
      else if (roll < 0.94)
        pieces.push(eol()); // an extra blank line
      else if (roll < 0.97) pieces.push(BOM, 'data: after a BOM', eol());
      else pieces.push(...field('data', [':', ...value(true), ':']));
    }
    // The last block may lack its blank line, or end in a half line.
    const last = b === blocks - 1;
    if (!last || rng() < 0.7) pieces.push(eol());
    else if (rng() < 0.5) pieces.push('data: half a line');
  }
  return { bytes: bytesOf(pieces), eventTypes: [...eventTypes].filter((type) => type !== '') };
}

function bytesOf(pieces: readonly Piece[]): Uint8Array {
  return Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece))));
}

/** The bytes as a readable string for failure messages: printable ASCII as is, the rest as \xHH. */
export function describeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    out += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}
