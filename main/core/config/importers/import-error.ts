// The one error an import throws: the input cannot be brought over at all (not a format we know, or
// a file of a known format that is broken). `problems` lists what is wrong, one line each, with the
// path inside the file where it helps.

export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.join('\n')}` : message);
  }
}
