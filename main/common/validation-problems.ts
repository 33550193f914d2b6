// A failed validation in words a user reads, worded by zod itself (z.prettifyError: one
// "✖ Invalid URL" line per problem, with "  → at connections[1].url" under it), for the first few
// problems and a count of the rest, so a file with a thousand bad entries is not a thousand-line
// message.

import { z } from 'zod';

/** One problem as zod (and Standard Schema) report it: what is wrong, and where. */
export interface Problem {
  readonly message: string;
  readonly path?: readonly PropertyKey[];
}

/**
 * The first `max` problems of a failed validation (a ZodError, or problems of our own found beside
 * it, such as a name already taken), with `at` before each path: where the validated value sits
 * in a larger document.
 */
export function describeProblems(failure: { readonly issues: readonly Problem[] }, max = 5, at: readonly PropertyKey[] = []): string {
  const issues = failure.issues.slice(0, max).map((issue) => ({ message: issue.message, path: [...at, ...(issue.path ?? [])] }));
  const rest = failure.issues.length - max;
  const shown = z.prettifyError({ issues });
  return rest > 0 ? `${shown}\n…and ${rest} more` : shown;
}
