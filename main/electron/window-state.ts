// The main window's size, position and maximized state across launches: kept in
// window-state.json in the data folder (by conf), placed back onto a display that is still
// there (a pure function of the displays' work areas), and saved shortly after the user stops
// moving or resizing, and once more when the window closes.

import Conf from 'conf';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The normal (restored) bounds, also when the window is maximized. */
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
/** Smaller than this, the timeline and the detail pane do not both fit. */
export const MIN_WINDOW_SIZE = { width: 640, height: 400 } as const;
/** Saves wait until moving or resizing has paused this long. */
export const SAVE_DELAY_MS = 500;

const WindowStateSchema = z.object({
  bounds: z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  maximized: z.boolean(),
});

// ---- Placement ------------------------------------------------------------------------------

export interface DisplayLayout {
  /** The work area (screen minus taskbar, dock, menu bar) of every connected display. */
  workAreas: readonly Rect[];
  /** The primary display's work area: where a new window, or a lost one, goes. */
  primary: Rect;
}

/**
 * Where the window opens. Without a saved state: the default size, centred on the primary
 * display. With one: on the display it overlaps most, no larger than that display's work area
 * and moved just enough to be wholly inside it. A window whose display has gone (a laptop
 * undocked from its monitor) keeps its size and is centred on the primary display.
 */
export function placeWindow(saved: WindowState | undefined, layout: DisplayLayout): WindowState {
  if (!saved) return { bounds: centredIn(layout.primary, DEFAULT_WINDOW_SIZE), maximized: false };
  const display = mostOverlapped(saved.bounds, layout.workAreas);
  if (!display) return { bounds: centredIn(layout.primary, saved.bounds), maximized: saved.maximized };
  const width = fitLength(saved.bounds.width, MIN_WINDOW_SIZE.width, display.width);
  const height = fitLength(saved.bounds.height, MIN_WINDOW_SIZE.height, display.height);
  return {
    bounds: {
      x: clamp(saved.bounds.x, display.x, display.x + display.width - width),
      y: clamp(saved.bounds.y, display.y, display.y + display.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

function centredIn(area: Rect, size: { width: number; height: number }): Rect {
  const width = fitLength(size.width, MIN_WINDOW_SIZE.width, area.width);
  const height = fitLength(size.height, MIN_WINDOW_SIZE.height, area.height);
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
}

/** The work area sharing the largest area with `bounds`, or undefined when none touches it. */
function mostOverlapped(bounds: Rect, areas: readonly Rect[]): Rect | undefined {
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of areas) {
    const overlap = overlapArea(bounds, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  return best;
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** At least `min`, at most `available` (which wins when the screen is smaller than `min`). */
function fitLength(length: number, min: number, available: number): number {
  return Math.min(Math.max(length, min), available);
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, high));
}

// ---- The file -------------------------------------------------------------------------------

export const WINDOW_STATE_CONFIG_NAME = 'window-state';

/** window-state.json in `dataDir`. A missing, unreadable or malformed file reads as no state. */
export class WindowStateFile {
  readonly #conf: Conf<Record<string, unknown>>;

  constructor(dataDir: string) {
    this.#conf = new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: WINDOW_STATE_CONFIG_NAME,
      // Losing a window position is harmless: start fresh rather than refuse to open.
      clearInvalidConfig: true,
    });
  }

  get path(): string {
    return this.#conf.path;
  }

  load(): WindowState | undefined {
    const parsed = WindowStateSchema.safeParse(this.#conf.store);
    return parsed.success ? parsed.data : undefined;
  }

  save(state: WindowState): void {
    this.#conf.store = { bounds: { ...state.bounds }, maximized: state.maximized };
  }
}

// ---- Following the window -------------------------------------------------------------------

/** The parts of Electron's BrowserWindow the tracker reads. */
export interface TrackedWindow {
  on(event: 'resize', listener: () => void): unknown;
  on(event: 'move', listener: () => void): unknown;
  on(event: 'maximize', listener: () => void): unknown;
  on(event: 'unmaximize', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
}

export interface WindowStateTracker {
  /** Saves now if a save is waiting. */
  flush(): void;
  /** Cancels a waiting save (the listeners go away with the window). */
  dispose(): void;
}

/**
 * Saves the window's state `delayMs` after the last move, resize or (un)maximize, and at once
 * when it closes. Nothing is saved while it is minimized or full screen: those are passing
 * states, and the last saved normal bounds stay the ones to come back to.
 */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  delayMs: number = SAVE_DELAY_MS,
): WindowStateTracker {
  let timer: ReturnType<typeof setTimeout> | undefined;

  const saveNow = (): void => {
    timer = undefined;
    if (win.isMinimized() || win.isFullScreen()) return;
    save({ bounds: roundRect(win.getNormalBounds()), maximized: win.isMaximized() });
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(saveNow, delayMs);
  };
  const flush = (): void => {
    if (timer === undefined) return;
    clearTimeout(timer);
    saveNow();
  };

  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('maximize', schedule);
  win.on('unmaximize', schedule);
  // A close right after a move must not lose it: save whatever is pending before the window goes.
  win.on('close', () => {
    if (timer !== undefined) clearTimeout(timer);
    saveNow();
  });

  return {
    flush,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

function roundRect(rect: Rect): Rect {
  return {
    x: Math.round(rect.x),
    y: Math.round(rect.y),
    width: Math.round(rect.width),
    height: Math.round(rect.height),
  };
}
