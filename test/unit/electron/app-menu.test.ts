// The native menu (main/electron/app-menu.ts) on each platform: the items and shortcuts a user
// finds, what clicking them does, and the About dialog's content.

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutDialogOptions, appMenuTemplate, type MenuCommand } from '../../../main/electron/app-menu.ts';

type Item = MenuItemConstructorOptions;
const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

function recorder() {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      command: (command: MenuCommand) => calls.push(`command:${command}`),
      showAbout: () => calls.push('about'),
      openLearnMore: () => calls.push('learn-more'),
    },
  };
}

function submenu(item: Item | undefined): Item[] {
  if (!item || !Array.isArray(item.submenu)) throw new Error(`no submenu in ${item?.label}`);
  return item.submenu as Item[];
}

/** A top-level menu by its visible name (without the Windows/Linux mnemonic). */
function menu(template: Item[], name: string): Item[] {
  return submenu(template.find((item) => item.label?.replace('&', '') === name));
}

function byLabel(items: Item[], label: string): Item {
  const found = items.find((item) => item.label === label);
  if (!found) throw new Error(`no item "${label}" in ${items.map((i) => i.label ?? i.role).join(', ')}`);
  return found;
}

function roles(items: Item[]): string[] {
  return items.flatMap((item) => (item.role ? [item.role] : []));
}

function click(item: Item): void {
  if (!item.click) throw new Error(`"${item.label}" does nothing`);
  (item.click as () => void)();
}

/**
 * The shortcut Electron gives a role item that sets none (from Electron's
 * lib/browser/api/menu-item-roles.ts), so a clash with one of ours is caught too.
 */
function roleDefault(role: string, platform: NodeJS.Platform): string | undefined {
  const mac = platform === 'darwin';
  const defaults: Record<string, string | undefined> = {
    close: 'CmdOrCtrl+W',
    copy: 'CmdOrCtrl+C',
    cut: 'CmdOrCtrl+X',
    forcereload: 'Shift+CmdOrCtrl+R',
    hide: 'Command+H',
    hideothers: 'Command+Alt+H',
    minimize: 'CmdOrCtrl+M',
    paste: 'CmdOrCtrl+V',
    pasteandmatchstyle: mac ? 'Cmd+Option+Shift+V' : 'Shift+CmdOrCtrl+V',
    quit: platform === 'win32' ? undefined : 'CmdOrCtrl+Q',
    redo: platform === 'win32' ? 'Control+Y' : 'Shift+CmdOrCtrl+Z',
    reload: 'CmdOrCtrl+R',
    resetzoom: 'CmdOrCtrl+0',
    selectall: 'CmdOrCtrl+A',
    toggledevtools: mac ? 'Alt+Command+I' : 'Ctrl+Shift+I',
    togglefullscreen: mac ? 'Control+Command+F' : 'F11',
    undo: 'CmdOrCtrl+Z',
    zoomin: 'CmdOrCtrl+Plus',
    zoomout: 'CmdOrCtrl+-',
  };
  return defaults[role.toLowerCase()];
}

/** A shortcut in one spelling, with its modifiers in a fixed order. */
function normalise(accelerator: string): string {
  const keys = accelerator.replaceAll('CommandOrControl', 'CmdOrCtrl').split('+');
  const key = keys.pop();
  return [...keys.sort(), key].join('+');
}

function allItems(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu as Item[]) : [])]);
}

describe.each(PLATFORMS)('the menu on %s', (platform) => {
  it('has the File commands with their shortcuts, each sending its command', () => {
    const { calls, actions } = recorder();
    const file = menu(appMenuTemplate(platform, false, actions), 'File');
    const expected: [string, string | undefined, string][] = [
      ['New Connection', 'CmdOrCtrl+N', 'command:new-connection'],
      ['Import…', 'CmdOrCtrl+O', 'command:import'],
      ['Export Collection…', undefined, 'command:export-collection'],
      ['Close Tab', 'CmdOrCtrl+W', 'command:close-tab'],
    ];
    for (const [label, accelerator, call] of expected) {
      const item = byLabel(file, label);
      expect(item.accelerator, label).toBe(accelerator);
      click(item);
      expect(calls.at(-1)).toBe(call);
    }
  });

  it('gives no two items the same shortcut, counting the ones Electron gives roles', () => {
    const accelerators = allItems(appMenuTemplate(platform, true, recorder().actions)).flatMap((item) => {
      const accelerator = item.accelerator ?? (item.role ? roleDefault(item.role, platform) : undefined);
      return accelerator ? [normalise(String(accelerator))] : [];
    });
    expect(accelerators).toContain('CmdOrCtrl+W');
    const repeated = accelerators.filter((accelerator, index) => accelerators.indexOf(accelerator) !== index);
    expect(repeated).toEqual([]);
  });

  it('has the usual Edit roles', () => {
    const edit = roles(menu(appMenuTemplate(platform, false, recorder().actions), 'Edit'));
    expect(edit).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers reload and DevTools only in development; zoom and full screen always', () => {
    for (const isDev of [false, true]) {
      const view = roles(menu(appMenuTemplate(platform, isDev, recorder().actions), 'View'));
      expect(view).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
      expect(view.includes('reload'), `isDev=${isDev}`).toBe(isDev);
      expect(view.includes('forceReload'), `isDev=${isDev}`).toBe(isDev);
      expect(view.includes('toggleDevTools'), `isDev=${isDev}`).toBe(isDev);
    }
  });

  it('has no DevTools item or shortcut anywhere in a packaged app', () => {
    const items = allItems(appMenuTemplate(platform, false, recorder().actions));
    expect(items.filter((item) => item.role === 'toggleDevTools')).toEqual([]);
    const shortcuts = items.flatMap((item) => (item.accelerator ? [normalise(String(item.accelerator))] : []));
    for (const devTools of ['F12', 'CmdOrCtrl+Shift+I', 'Alt+CmdOrCtrl+I', 'Shift+CmdOrCtrl+I']) expect(shortcuts).not.toContain(devTools);
  });

  it('has a Window menu and a Help menu with Learn More', () => {
    const { calls, actions } = recorder();
    const template = appMenuTemplate(platform, false, actions);
    expect(roles(menu(template, 'Window'))).toEqual(expect.arrayContaining(['minimize', 'close']));
    const help = menu(template, 'Help');
    click(byLabel(help, 'Learn More About Server-Sent Events'));
    expect(calls).toEqual(['learn-more']);
  });
});

describe('platform habits', () => {
  it('macOS: an app menu with About, Hide and Quit; Quit is not under File', () => {
    const { calls, actions } = recorder();
    const template = appMenuTemplate('darwin', false, actions);
    const appMenu = submenu(template[0]);
    expect(template[0]?.label).toBe('SSE Scope');
    expect(roles(appMenu)).toEqual(expect.arrayContaining(['services', 'hide', 'hideOthers', 'unhide', 'quit']));
    click(byLabel(appMenu, 'About SSE Scope'));
    expect(calls).toEqual(['about']);
    expect(roles(menu(template, 'File'))).not.toContain('quit');
    expect(menu(template, 'Help').some((item) => item.label === 'About SSE Scope')).toBe(false);
    expect(template.some((item) => item.label?.includes('&'))).toBe(false);
  });

  it.each(['win32', 'linux'] as const)('%s: Quit under File, About under Help, no app menu', (platform) => {
    const { calls, actions } = recorder();
    const template = appMenuTemplate(platform, false, actions);
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(roles(menu(template, 'File')).at(-1)).toBe('quit');
    click(byLabel(menu(template, 'Help'), 'About SSE Scope'));
    expect(calls).toEqual(['about']);
  });
});

describe('aboutDialogOptions', () => {
  it('names the app, its version and the Electron, Chrome and Node.js it runs on', () => {
    const options = aboutDialogOptions({
      appVersion: '0.1.0',
      versions: { electron: '45.4.1', chrome: '142.0.7444.52', node: '22.20.0' },
    });
    expect(options.message).toBe('SSE Scope');
    expect(options.detail).toContain('Version 0.1.0');
    expect(options.detail).toContain('Electron 45.4.1');
    expect(options.detail).toContain('Chrome 142.0.7444.52');
    expect(options.detail).toContain('Node.js 22.20.0');
  });

  it('still opens when a version is unknown (plain Node has no Electron version)', () => {
    const options = aboutDialogOptions({ appVersion: '0.1.0', versions: process.versions });
    expect(options.detail).toContain('Electron unknown');
    expect(options.detail).toContain(`Node.js ${process.versions.node}`);
  });
});
