// Sizes and counts as every front shows them (main/common/number-format.ts): the CLI's lines and
// `captures` table, the app's sidebar, status bar and settings.

import { expect, test } from 'vitest';
import { formatBytes, formatCount } from '../../../main/common/number-format.ts';

test.each([
  [0, '0 B'],
  [1023, '1023 B'],
  [1024, '1.0 KB'],
  [1536, '1.5 KB'],
  [10_188, '9.9 KB'],
  [10_200, '10 KB'],
  [90_112, '88 KB'],
  [1_048_064, '1.0 MB'],
  [1_234_567, '1.2 MB'],
  [12 * 1024 ** 2, '12 MB'],
  [2.5 * 1024 ** 3, '2.5 GB'],
  [3 * 1024 ** 5, '3072 TB'],
])('%d bytes read %s', (bytes, text) => {
  expect(formatBytes(bytes)).toBe(text);
});

test('no size at all reads as nothing', () => {
  for (const bytes of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatBytes(bytes)).toBe('');
});

test('counts have thousands separators whatever the locale', () => {
  expect(formatCount(0)).toBe('0');
  expect(formatCount(999)).toBe('999');
  expect(formatCount(1_234_567)).toBe('1,234,567');
});
