// Says why a request body is not valid JSON, and on which line, in words for the editor:
// "Body is not valid JSON: Expected ',' or '}' after property value (line 3)".

import { messageOf } from '../../../main/common/error-message.ts';

/** Null when the text parses. */
export function jsonProblem(text: string): string | null {
  const failure = parseFailure(text);
  if (!failure) return null;
  const offset = failure.position ?? breakingOffset(text);
  const line = text.slice(0, offset).split('\n').length;
  return `Body is not valid JSON: ${reasonOf(failure.message)} (line ${line})`;
}

/** Whether a body should be checked: the request says JSON, or the body looks like it. */
export function looksLikeJson(body: string, contentType: string | null): boolean {
  if (contentType && /\bjson\b/i.test(contentType)) return body.trim() !== '';
  return /^\s*[[{]/.test(body);
}

interface Failure {
  message: string;
  /** The offset the engine named, when it named one. */
  position: number | null;
}

function parseFailure(text: string): Failure | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = messageOf(error);
    const position = /at position (\d+)/.exec(message);
    return { message, position: position ? Number(position[1]) : null };
  }
}

/** A prefix that parses, or only lacks its end, is fine so far. */
function fineSoFar(prefix: string): boolean {
  const failure = parseFailure(prefix);
  if (!failure) return true;
  if (/end of JSON input/i.test(failure.message)) return true;
  return failure.position !== null && failure.position >= prefix.length;
}

/**
 * Where the text stops being JSON, for engines that do not say: the end of the longest prefix
 * that is still fine (a binary search, so a large body costs only a few parses).
 */
function breakingOffset(text: string): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fineSoFar(text.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The engine's message without its position and its copy of the text. */
function reasonOf(message: string): string {
  return message
    .replace(/^JSON\.parse:\s*/, '')
    .replace(/,\s*"[\s\S]*" is not valid JSON$/, '')
    .replace(/\s*in JSON at position \d+/, '')
    .replace(/\s*at position \d+/, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s+at line \d+ column \d+ of the JSON data$/, '')
    .trim();
}
