// The timeline's column widths. Rows are separate grids, so the columns cannot size to their
// content by themselves: the widest event type and id seen on screen set the TYPE and ID columns
// (in `ch` of the rows' monospace font), between a minimum and a sensible maximum past which the
// text is cut with an ellipsis, and DATA takes all the rest. Widths only grow, in small steps,
// so the rows do not shift back and forth as records scroll by or arrive.

/** Fixed columns, in characters: "14:03:07.042", "+1.25 s", "reconnect", "1023 KB". */
export const FIXED_CHARS = { time: 12, delta: 8, kind: 9, size: 7 } as const;
/** TYPE: at least its heading, at most a long type name. */
export const TYPE_CHARS = { min: 4, max: 18 } as const;
/** ID: a short counter by default, at most the start of a UUID. */
export const ID_CHARS = { min: 3, max: 12 } as const;
/** Widths grow by this many characters at a time, so small growth does not move every row. */
const STEP = 2;

export interface ColumnFit {
  type: number;
  id: number;
}

export const INITIAL_FIT: ColumnFit = { type: TYPE_CHARS.min, id: ID_CHARS.min };

/** The width in characters for text of this length: rounded up to a step, within the limits. */
export function fitChars(length: number, limits: { min: number; max: number }): number {
  const stepped = Math.ceil(length / STEP) * STEP;
  return Math.min(limits.max, Math.max(limits.min, stepped));
}

/** The fit after seeing these rows' types and ids: never narrower than before. */
export function growFit(fit: ColumnFit, cells: Iterable<{ type: string; id: string }>): ColumnFit {
  let type = fit.type;
  let id = fit.id;
  for (const cell of cells) {
    if (cell.type.length > type) type = fitChars(cell.type.length, TYPE_CHARS);
    if (cell.id.length > id) id = fitChars(cell.id.length, ID_CHARS);
  }
  return type === fit.type && id === fit.id ? fit : { type, id };
}

/** The grid-template-columns of the header and every row (`ch` of the rows' font). */
export function columnTemplate(fit: ColumnFit): string {
  const { time, delta, kind, size } = FIXED_CHARS;
  return `${time}ch ${delta}ch ${kind}ch ${fit.type}ch ${fit.id}ch ${size}ch minmax(0, 1fr)`;
}
