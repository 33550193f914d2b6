// The errors the config module throws; a failed validation lists its problems under a headline,
// as zod words them (main/common/validation-problems.ts).

import type { z } from 'zod';
import { describeProblems } from '../../common/validation-problems.ts';

/** A request the config cannot carry out: bad input, a missing item, a name already taken. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A ConfigError whose message lists the issues under a headline. */
export function invalid(headline: string, error: z.ZodError): ConfigError {
  return new ConfigError(`${headline}\n${describeProblems(error)}`);
}
