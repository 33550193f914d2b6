// A pasted curl command as the words bash would pass to curl. shell-quote does the quoting
// rules, including bash's $'...' strings (Chrome and Firefox write bodies with quotes, newlines
// or non-ASCII text that way); this module handles what comes around them: a "$ " prompt, line
// continuations, Windows cmd copies (refused), an unclosed quote (refused: shell-quote would take
// the rest of the text as quoted and import part of the command), shell variables (they become
// {{variables}}), and shell operators (the command ends there).

import { parse } from 'shell-quote';

export class CurlImportError extends Error {
  override name = 'CurlImportError';
}

/** Starts the word that stands for a shell operator ("|", "&&", ";"...): the command ended there. */
export const OPERATOR_MARK = '\0';

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The quote left open at the end of the text, following bash: nothing escapes inside '...', a
 * backslash escapes inside "..." and $'...' and outside quotes, and # starts a comment at a word's start.
 */
export function unclosedQuote(text: string): "'" | '"' | null {
  let open: "'" | '"' | "$'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (open === "'") {
      if (char === "'") open = null;
    } else if (open === "$'" || open === '"') {
      if (char === '\\') i++;
      else if (char === (open === '"' ? '"' : "'")) open = null;
    } else if (char === '\\') {
      i++;
    } else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (char === '$' && text[i + 1] === "'") {
      open = "$'";
      i++;
    } else if (char === "'" || char === '"') {
      open = char;
    }
  }
  return open === "$'" ? "'" : open;
}

/** The words, starting with "curl"; throws CurlImportError for what is not a curl command. */
export function splitCurlWords(command: string): string[] {
  // A pasted prompt ("$ curl ...") and bash line continuations ("\" at a line's end) go first.
  const text = command
    .trim()
    .replace(/^\$\s+/, '')
    .replace(/\\\r?\n/g, '');
  if (text === '') throw new CurlImportError('The curl command is empty.');
  if (/\^"/.test(text) || /\s\^\r?\n/.test(command)) {
    throw new CurlImportError('This looks like a curl command for Windows cmd ("Copy as cURL (cmd)"); copy it as cURL (bash) instead.');
  }
  const unclosed = unclosedQuote(text);
  if (unclosed) throw new CurlImportError(`The command has an unclosed ${unclosed} quote: check that the whole command was copied.`);
  // $NAME and ${NAME} become {{NAME}}, a variable the user defines (an API key kept in the shell,
  // say); nothing is read from this process's environment. Anything else ($1, ${A:-x}) stays as written.
  const entries = parse(text, (name) => (SHELL_NAME.test(name) ? `{{${name}}}` : /^\w+$/.test(name) ? `$${name}` : `\${${name}}`));
  const words: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') words.push(entry);
    else if ('comment' in entry) continue;
    else if (entry.op === 'glob')
      words.push(entry.pattern); // a URL with "?" or "*" in it
    else {
      if (words.length <= 1) throw new CurlImportError(`The curl command has a shell operator "${entry.op}" where its URL should be.`);
      words.push(`${OPERATOR_MARK}${entry.op}`); // where the curl command ends
      break;
    }
  }
  const program = words[0] ?? '';
  if (!/(^|[\\/])curl(\.exe)?$/i.test(program)) {
    throw new CurlImportError(
      `This is not a curl command: it starts with "${program.slice(0, 40)}". Paste a command copied as cURL (bash).`,
    );
  }
  return words;
}
