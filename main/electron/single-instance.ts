// One running copy of the app per user: a second launch (from the dock, the start menu, a
// desktop file) brings the existing window forward and exits, instead of opening a second
// process that would fight the first over the data folder and the capture files.

/** The parts of Electron's `app` this module uses. */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

/** The parts of Electron's BrowserWindow this module uses. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export interface SingleInstanceOptions {
  /** The main window, if there is one right now. */
  getWindow(): FocusableWindow | undefined;
  /** Called when a second launch finds no window (macOS keeps running with none open). */
  openWindow?: () => void;
}

/** Shows, un-minimizes and focuses a window. */
export function bringToFront(win: FocusableWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * Takes the single-instance lock. Returns false (and asks the app to quit) when another
 * instance holds it: the caller then stops starting up. Returns true otherwise, and from then
 * on every later launch brings this instance's window forward.
 */
export function claimSingleInstance(app: InstanceApp, options: SingleInstanceOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = options.getWindow();
    if (win && !win.isDestroyed()) bringToFront(win);
    else options.openWindow?.();
  });
  return true;
}
