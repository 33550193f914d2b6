// The native menu bar: its template as a pure function of the platform, development mode and
// the actions it triggers, and the About dialog's content. The template follows each
// platform's habits (the app menu and Cmd+Shift+W on macOS, Quit under File elsewhere).
// Install it with `Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(...)))`.

import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import type { MenuAction } from '../contract.ts';

export const APP_NAME = 'SSE Scope';
/** What "Learn More" opens: the specification the app is built on. */
export const LEARN_MORE_URL = 'https://html.spec.whatwg.org/multipage/server-sent-events.html';

/** Menu items that act on the renderer's state; the caller forwards them to the window. */
export type MenuCommand = MenuAction;

export interface MenuActions {
  command(command: MenuCommand): void;
  showAbout(): void;
  openLearnMore(): void;
}

type Item = MenuItemConstructorOptions;
const separator: Item = { type: 'separator' };

/** A top-level label with an Alt-key mnemonic on Windows and Linux (macOS has none). */
function topLabel(name: string, mac: boolean): string {
  return mac ? name : `&${name}`;
}

export function appMenuTemplate(platform: NodeJS.Platform, isDev: boolean, actions: MenuActions): Item[] {
  const mac = platform === 'darwin';
  const about: Item = { label: `About ${APP_NAME}`, click: () => actions.showAbout() };
  const template: Item[] = [];

  if (mac) {
    // macOS shows the first menu under the app's name, whatever its label.
    template.push({
      label: APP_NAME,
      submenu: [
        about,
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: topLabel('File', mac),
    submenu: [
      { label: 'New Connection', accelerator: 'CmdOrCtrl+N', click: () => actions.command('new-connection') },
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.command('import') },
      { label: 'Export Collection…', click: () => actions.command('export-collection') },
      separator,
      // Cmd/Ctrl+W closes a tab, as in a browser; the window menu's Close uses Shift as well.
      { label: 'Close Tab', accelerator: 'CmdOrCtrl+W', click: () => actions.command('close-tab') },
      ...(mac ? [] : [separator, { role: 'quit' } satisfies Item]),
    ],
  });

  template.push({
    label: topLabel('Edit', mac),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } satisfies Item] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  });

  template.push({
    label: topLabel('View', mac),
    submenu: [
      // Reloading drops the renderer's state, and DevTools can run anything in the page: users
      // never need them, developers do. A packaged app has neither item, nor their shortcuts
      // (a role's shortcut exists only while its item is in the menu), nor DevTools at all (see
      // secureWebPreferences).
      ...(isDev
        ? [{ role: 'reload' } satisfies Item, { role: 'forceReload' } satisfies Item, { role: 'toggleDevTools' } satisfies Item, separator]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });

  template.push({
    label: topLabel('Window', mac),
    role: 'window',
    submenu: [
      { role: 'minimize' },
      ...(mac ? [{ role: 'zoom' } satisfies Item] : []),
      { role: 'close', accelerator: 'CmdOrCtrl+Shift+W' },
      ...(mac ? [separator, { role: 'front' } satisfies Item] : []),
    ],
  });

  template.push({
    label: topLabel('Help', mac),
    role: 'help',
    submenu: [
      { label: 'Learn More About Server-Sent Events', click: () => actions.openLearnMore() },
      // On macOS About lives in the app menu.
      ...(mac ? [] : [separator, about]),
    ],
  });

  return template;
}

export interface AboutInfo {
  /** app.getVersion() */
  appVersion: string;
  /** process.versions (electron, chrome, node) */
  versions: { electron?: string | undefined; chrome?: string | undefined; node?: string | undefined };
}

/** The About dialog: the app's name and version, and the runtime it is built on. */
export function aboutDialogOptions({ appVersion, versions }: AboutInfo): MessageBoxOptions {
  return {
    type: 'info',
    title: `About ${APP_NAME}`,
    message: APP_NAME,
    detail: [
      `Version ${appVersion}`,
      '',
      `Electron ${versions.electron ?? 'unknown'}`,
      `Chrome ${versions.chrome ?? 'unknown'}`,
      `Node.js ${versions.node ?? 'unknown'}`,
    ].join('\n'),
    buttons: ['OK'],
    noLink: true,
  };
}
