// describeProblems (main/common/validation-problems.ts): a failed validation in zod's own words,
// the first few problems and a count of the rest.

import { expect, test } from 'vitest';
import { z } from 'zod';
import { describeProblems } from '../../../main/common/validation-problems.ts';

const Schema = z.object({ items: z.array(z.object({ url: z.url(), count: z.int() })) });

function errorFor(value: unknown): z.ZodError {
  const result = Schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return result.error;
}

test('each problem in zod words, with where it is', () => {
  const error = errorFor({
    items: [
      { url: 'https://x.test/', count: 1 },
      { url: 'not a url', count: 1.5 },
    ],
  });
  expect(describeProblems(error)).toBe(z.prettifyError(error));
  expect(describeProblems(error)).toMatch(/^✖ .*\n {2}→ at items\[1\]\.url\n✖ .*\n {2}→ at items\[1\]\.count$/);
});

test('the first few problems, and how many more there are', () => {
  const error = errorFor({ items: Array.from({ length: 8 }, () => ({ url: 'nope', count: 1 })) });
  const lines = describeProblems(error, 3).split('\n');
  expect(lines.filter((line) => line.startsWith('✖ '))).toHaveLength(3);
  expect(lines.at(-1)).toBe('…and 5 more');
  expect(describeProblems(error, 8)).not.toContain('more');
});
