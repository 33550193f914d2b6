// A failed zod validation in words a user reads, worded by zod itself (z.prettifyError: one
// "✖ Invalid URL" line per problem, with "  → at connections[1].url" under it), for the first few
// problems and a count of the rest, so a file with a thousand bad entries is not a thousand-line
// message.

import { z } from 'zod';

export function describeProblems(error: z.ZodError, max = 5): string {
  const shown = z.prettifyError({ issues: error.issues.slice(0, max) });
  const rest = error.issues.length - max;
  return rest > 0 ? `${shown}\n…and ${rest} more` : shown;
}
