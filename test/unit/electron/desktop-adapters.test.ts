// The small Electron adapters the app core is given: save/open dialogs as FileDestinations
// (dialog-files.ts), desktop notifications for alert rules (notifications.ts) and the keychain
// cipher (safe-storage.ts), driven through fakes of the Electron calls they wrap.

import { join } from 'node:path';
import type { Dialog, Notification, SafeStorage } from 'electron';
import { describe, expect, it } from 'vitest';
import { createDialogFiles, safeFileName, type FileDialogs } from '../../../main/electron/dialog-files.ts';
import {
  createDesktopNotifier,
  MAX_BODY_CHARS,
  type NotificationApi,
  type NotificationLike,
} from '../../../main/electron/notifications.ts';
import { appSecretCipher } from '../../../main/electron/safe-storage.ts';

// Electron's own objects fit the small interfaces (a compile-time check, run by tsc -b).
export const electronFits = {
  dialogs: (dialog: Dialog): FileDialogs => ({
    showSaveDialog: (options) => dialog.showSaveDialog(options),
    showOpenDialog: (options) => dialog.showOpenDialog(options),
  }),
  notification: (notification: Notification): NotificationLike => notification,
  safeStorage: (safeStorage: SafeStorage) => appSecretCipher({ isReady: () => true }, safeStorage),
};

function fakeDialogs(answers: { save?: string | null; open?: string[] | null }) {
  const asked: { save: unknown[]; open: unknown[] } = { save: [], open: [] };
  const dialogs: FileDialogs = {
    showSaveDialog: async (options) => {
      asked.save.push(options);
      return answers.save ? { canceled: false, filePath: answers.save } : { canceled: true, filePath: '' };
    },
    showOpenDialog: async (options) => {
      asked.open.push(options);
      return answers.open ? { canceled: false, filePaths: answers.open } : { canceled: true, filePaths: [] };
    },
  };
  return { dialogs, asked };
}

describe('createDialogFiles', () => {
  it('asks where to save, suggesting the name in the default folder, and reports the file', async () => {
    const { dialogs, asked } = fakeDialogs({ save: '/home/me/feed.ndjson' });
    const files = createDialogFiles(dialogs, () => '/home/me/Downloads');
    const target = await files.saveTarget('feed.ndjson');
    expect(asked.save[0]).toMatchObject({
      defaultPath: join('/home/me/Downloads', 'feed.ndjson'),
      filters: [{ extensions: ['ndjson'] }, { extensions: ['*'] }],
    });
    expect(target?.path).toBe('/home/me/feed.ndjson');
    expect(target?.outcome({ records: 12, bytes: 3456 })).toEqual({
      status: 'saved',
      path: '/home/me/feed.ndjson',
      records: 12,
      bytes: 3456,
    });
  });

  it('answers null when the user cancels either dialog', async () => {
    const files = createDialogFiles(fakeDialogs({ save: null, open: null }).dialogs, () => '/tmp');
    expect(await files.saveTarget('x.csv')).toBeNull();
    expect(await files.pickImportFile()).toBeNull();
  });

  it('returns the file picked for import', async () => {
    const { dialogs, asked } = fakeDialogs({ open: ['/data/capture.ndjson'] });
    expect(await createDialogFiles(dialogs, () => '/tmp').pickImportFile()).toBe('/data/capture.ndjson');
    expect(asked.open[0]).toMatchObject({ properties: ['openFile'] });
  });

  it.each([
    ['Feed / prod: EU.ndjson', 'Feed - prod- EU.ndjson'],
    ['..\\..\\evil.csv', '-..-evil.csv'],
    ['tab\there.json', 'tab-here.json'],
    ['   ', 'export'],
  ])('makes %j a plain file name', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});

describe('createDesktopNotifier', () => {
  class FakeNotification implements NotificationLike {
    listeners = new Map<string, () => void>();
    shown = false;
    constructor(readonly options: { title: string; body: string }) {}
    on(event: 'click' | 'close', listener: () => void): void {
      this.listeners.set(event, listener);
    }
    show(): void {
      this.shown = true;
    }
  }
  function fakeApi(supported = true) {
    const made: FakeNotification[] = [];
    const api: NotificationApi = {
      isSupported: () => supported,
      create: (options) => {
        const notification = new FakeNotification(options);
        made.push(notification);
        return notification;
      },
    };
    return { api, made };
  }

  it('is absent where the platform has no notifications', () => {
    expect(createDesktopNotifier(fakeApi(false).api, () => {})).toBeUndefined();
  });

  it('shows the title and body, and a click brings the app forward', () => {
    const { api, made } = fakeApi();
    let clicks = 0;
    const notify = createDesktopNotifier(api, () => clicks++, 'darwin')!;
    notify('Alert on Prod feed', 'event error matched "level:error"');
    expect(made[0]?.options).toEqual({ title: 'Alert on Prod feed', body: 'event error matched "level:error"' });
    expect(made[0]?.shown).toBe(true);
    made[0]?.listeners.get('click')?.();
    expect(clicks).toBe(1);
  });

  it('escapes markup in the body on Linux, where notification servers read it', () => {
    const { api, made } = fakeApi();
    createDesktopNotifier(api, () => {}, 'linux')!('Alert', '<a href="file:///etc/passwd">x</a> & <img src="/tmp/y.png">');
    expect(made[0]?.options.body).toBe('&lt;a href="file:///etc/passwd"&gt;x&lt;/a&gt; &amp; &lt;img src="/tmp/y.png"&gt;');
    createDesktopNotifier(api, () => {}, 'win32')!('Alert', '<b>bold</b>');
    expect(made[1]?.options.body).toBe('<b>bold</b>');
  });

  it('cuts long event data to one short line', () => {
    const { api, made } = fakeApi();
    createDesktopNotifier(api, () => {}, 'darwin')!('Alert', `first line\nsecond ${'x'.repeat(1000)}`);
    const body = made[0]!.options.body;
    expect(body.length).toBe(MAX_BODY_CHARS);
    expect(body.startsWith('first line second xxx')).toBe(true);
    expect(body.endsWith('…')).toBe(true);
  });
});

describe('appSecretCipher', () => {
  const safeStorage = {
    isEncryptionAvailable: () => true,
    encryptString: (plain: string) => Buffer.from(`enc:${plain}`),
    decryptString: (cipher: Buffer) => cipher.toString().slice(4),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  };

  it('refuses to be made before the app is ready, when Linux cannot tell its keychain yet', () => {
    expect(() => appSecretCipher({ isReady: () => false }, safeStorage, 'linux')).toThrow(/ready/);
  });

  it('encrypts through safeStorage once ready', () => {
    const cipher = appSecretCipher({ isReady: () => true }, safeStorage, 'linux');
    expect(cipher.isAvailable()).toBe(true);
    expect(cipher.backendName).toBe('gnome_libsecret');
    expect(cipher.decrypt(cipher.encrypt('token'))).toBe('token');
  });
});
