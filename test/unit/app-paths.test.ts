// The app's data folder (app-paths.ts): where Electron's app.getPath('userData') puts it for
// "SSE Scope" on each platform, and the SSE_SCOPE_DATA_DIR override.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { appPaths, appPathsFor, DATA_DIR_ENV, dataDirFor } from '../../main/core/app-paths.ts';

describe('dataDirFor', () => {
  test('Linux: $XDG_CONFIG_HOME/SSE Scope, or ~/.config/SSE Scope when it is unset or empty', () => {
    expect(dataDirFor('linux', { XDG_CONFIG_HOME: '/srv/conf' }, '/home/ann')).toBe('/srv/conf/SSE Scope');
    expect(dataDirFor('linux', {}, '/home/ann')).toBe('/home/ann/.config/SSE Scope');
    expect(dataDirFor('linux', { XDG_CONFIG_HOME: '' }, '/home/ann')).toBe('/home/ann/.config/SSE Scope');
    expect(dataDirFor('freebsd', {}, '/home/ann')).toBe('/home/ann/.config/SSE Scope');
  });

  test('macOS: ~/Library/Application Support/SSE Scope, whatever XDG says', () => {
    expect(dataDirFor('darwin', { XDG_CONFIG_HOME: '/srv/conf' }, '/Users/ann')).toBe('/Users/ann/Library/Application Support/SSE Scope');
  });

  test('Windows: %APPDATA%\\SSE Scope, or the roaming AppData folder of the home folder', () => {
    expect(dataDirFor('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\SSE Scope',
    );
    expect(dataDirFor('win32', {}, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\SSE Scope');
  });

  test('SSE_SCOPE_DATA_DIR wins on every platform (an empty one is no override)', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(dataDirFor(platform, { [DATA_DIR_ENV]: '/tmp/scope data', XDG_CONFIG_HOME: '/x', APPDATA: 'C:\\x' }, '/home/ann')).toBe(
        '/tmp/scope data',
      );
    }
    expect(dataDirFor('linux', { [DATA_DIR_ENV]: '' }, '/home/ann')).toBe('/home/ann/.config/SSE Scope');
  });
});

describe('appPaths', () => {
  const saved = process.env[DATA_DIR_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[DATA_DIR_ENV];
    else process.env[DATA_DIR_ENV] = saved;
  });

  test('captures live in <data>/captures, with the platform separator', () => {
    expect(appPathsFor('linux', {}, '/home/ann')).toEqual({
      dataDir: '/home/ann/.config/SSE Scope',
      capturesDir: '/home/ann/.config/SSE Scope/captures',
    });
    expect(appPathsFor('win32', { APPDATA: 'D:\\roam' }, 'D:\\ann').capturesDir).toBe('D:\\roam\\SSE Scope\\captures');
  });

  test('on this machine: an explicit folder (--data-dir) first, then the environment, then the default', () => {
    process.env[DATA_DIR_ENV] = join('/tmp', 'from-env');
    expect(appPaths(join('/tmp', 'given'))).toEqual({ dataDir: join('/tmp', 'given'), capturesDir: join('/tmp', 'given', 'captures') });
    expect(appPaths().capturesDir).toBe(join('/tmp', 'from-env', 'captures'));
    delete process.env[DATA_DIR_ENV];
    expect(appPaths().dataDir).toBe(dataDirFor(process.platform, process.env, homedir()));
  });
});
