// Fields added to saved connections and settings after the config format was first written: a
// config file from before them still loads (each has a default), and a folder path has one spelling.

import { describe, expect, test } from 'vitest';
import { CONFIG_VERSION, ConfigDocumentSchema, SavedConnectionSchema } from '../../../main/common/config-schema.ts';

const id = '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10';

describe('saved connections', () => {
  test('a connection saved before auth and disabled params existed gets none of either', () => {
    const saved = SavedConnectionSchema.parse({ id, kind: 'feed', name: 'Feed', url: 'https://x.test/' });
    expect(saved.auth).toEqual({ type: 'none' });
    expect(saved.disabledParams).toEqual([]);
  });

  test('a folder path is trimmed around each "/", and empty segments are dropped', () => {
    const folder = (text: string) =>
      SavedConnectionSchema.parse({ id, kind: 'feed', name: 'Feed', url: 'https://x.test/', folder: text }).folder;
    expect(folder('  Billing / /Staging/ ')).toBe('Billing/Staging');
    expect(folder(' / ')).toBe('');
    expect(folder('Demo')).toBe('Demo');
  });
});

describe('settings', () => {
  test('the theme follows the system unless chosen, and only the three choices are taken', () => {
    const doc = ConfigDocumentSchema.parse({ version: CONFIG_VERSION, settings: { windowSize: 5000 } });
    expect(doc.settings.theme).toBe('system');
    expect(ConfigDocumentSchema.safeParse({ version: CONFIG_VERSION, settings: { theme: 'sepia' } }).success).toBe(false);
  });
});
