// messageOf (main/common/error-message.ts): whatever was thrown, as the words a user reads.

import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { messageOf } from '../../../main/common/error-message.ts';

test("an Error's message, also of an Error made in another realm", () => {
  expect(messageOf(new TypeError('fetch failed'))).toBe('fetch failed');
  const foreign: unknown = runInNewContext("new Error('from a preload')");
  expect(foreign instanceof Error).toBe(false);
  expect(messageOf(foreign)).toBe('from a preload');
});

test('anything else, or an Error with no message, as String() writes it', () => {
  expect(messageOf(new Error(''))).toBe('Error');
  expect(messageOf(new RangeError())).toBe('RangeError');
  expect(messageOf('plain words')).toBe('plain words');
  expect(messageOf(42)).toBe('42');
  expect(messageOf(undefined)).toBe('undefined');
  expect(messageOf(null)).toBe('null');
  expect(messageOf({ message: 7 })).toBe('[object Object]');
});
