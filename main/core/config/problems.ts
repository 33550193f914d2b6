// The errors the config module throws, and zod issues turned into lines a user can act on
// ("connections[2].url: Invalid URL").

import type { z } from 'zod';

/** A request the config cannot carry out: bad input, a missing item, a name already taken. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** One line per problem, each naming where it is. */
  readonly problems: string[];

  constructor(message: string, problems: string[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** `['connections', 2, 'url']` -> `connections[2].url`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The first `max` issues as "path: message" lines, and a count of the rest. */
export function describeIssues(error: z.ZodError, max = 5, prefix: readonly PropertyKey[] = []): string[] {
  const lines = error.issues.slice(0, max).map((issue) => {
    const path = formatPath([...prefix, ...issue.path]);
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  if (error.issues.length > max) lines.push(`...and ${error.issues.length - max} more`);
  return lines;
}

/** A ConfigError whose message lists the issues under a headline. */
export function invalid(headline: string, error: z.ZodError, prefix: readonly PropertyKey[] = []): ConfigError {
  const problems = describeIssues(error, 5, prefix);
  return new ConfigError(`${headline}\n${problems.join('\n')}`, problems);
}
