// The one error an import throws: the input cannot be brought over at all (not a format we know, or
// a file of a known format that is broken). The message says what is wrong, with the path inside
// the file where it helps.

export class ImportError extends Error {
  override name = 'ImportError';
}
