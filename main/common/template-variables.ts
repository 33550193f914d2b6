// {{variables}} in a connection's text (URL, headers, body, auth): the one pattern, the names it
// finds, the text cut into plain and variable parts (the editor marks the variables), and the URL
// check that lets a URL start with a variable. Plain code with no library, so the renderer can use
// it as the main process does.

/** `{{name}}` with optional spaces inside the braces; the name is a letter or _, then [\w.-]. */
export const VARIABLE_PATTERN = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;
export const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;

/** A piece of template text: plain text, or one `{{name}}` as written. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; text: string; name: string };

/** The text cut into plain and variable parts, in order; joined, they give the text back. */
export function templateParts(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(VARIABLE_PATTERN)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'variable', text: match[0], name: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The variable names used in these texts, each once, in the order they first appear. */
export function variableNames(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(VARIABLE_PATTERN)) names.add(match[1]!);
  return [...names];
}

/** An http(s) URL once its variables are filled in, or one whose scheme and host come from a variable. */
export function isUrlTemplate(url: string): boolean {
  if (/^\{\{/.test(url.trim())) return true;
  try {
    const parsed = new URL(url.trim().replace(VARIABLE_PATTERN, 'x'));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
