// The query sent to records:search: the type chip (as a `type:` term) AND the text typed in the
// search box. The query language has no OR, so one chip is active at a time: clicking another
// chip switches to it (the chips say so in their description).

/** A `type:` term for an event type, quoted when it holds spaces, quotes or starts oddly. */
export function typeTerm(type: string): string {
  const bare = type !== '' && !/[\s"\\]/.test(type) && !type.startsWith('-');
  return bare ? `type:${type}` : `type:"${type.replace(/["\\]/g, (c) => '\\' + c)}"`;
}

/** The whole query: "" when there is nothing to search for. */
export function buildQuery(chipType: string | null, text: string): string {
  const parts: string[] = [];
  if (chipType !== null) parts.push(typeTerm(chipType));
  if (text.trim() !== '') parts.push(text.trim());
  return parts.join(' ');
}

/**
 * Where an index into buildQuery's result falls in the text as typed (to point at an error in
 * the box); null when it points into the chip's term.
 */
export function positionInText(chipType: string | null, text: string, queryPosition: number): number | null {
  const leading = text.length - text.trimStart().length;
  const textStart = chipType === null ? 0 : typeTerm(chipType).length + 1;
  const position = queryPosition - textStart;
  return position < 0 ? null : Math.min(text.length, position + leading);
}
