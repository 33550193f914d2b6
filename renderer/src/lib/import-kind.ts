// What the Import dialog was given: a curl command or a collection (JSON), told apart by how the
// text starts.

export type ImportKind = 'curl' | 'collection';

export function importKindOf(text: string): ImportKind | null {
  const start = text.trimStart();
  if (/^curl(\.exe)?(\s|$)/i.test(start)) return 'curl';
  if (start.startsWith('{') || start.startsWith('[')) return 'collection';
  return null;
}
