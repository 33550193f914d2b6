// Window size and position across launches (main/electron/window-state.ts): where the window
// opens for a given set of displays, the file it is remembered in, and when it is saved.

import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  placeWindow,
  trackWindowState,
  WindowStateFile,
  type Rect,
  type TrackedWindow,
  type WindowState,
} from '../../../main/electron/window-state.ts';

// A laptop screen with a menu bar, and a monitor to its right.
const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const MONITOR: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const laptopOnly = { workAreas: [LAPTOP], primary: LAPTOP };
const docked = { workAreas: [LAPTOP, MONITOR], primary: LAPTOP };

const saved = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized });

function inside(bounds: Rect, area: Rect): boolean {
  return (
    bounds.x >= area.x &&
    bounds.y >= area.y &&
    bounds.x + bounds.width <= area.x + area.width &&
    bounds.y + bounds.height <= area.y + area.height
  );
}

describe('placeWindow', () => {
  it('opens a first window at the default size, centred on the primary display', () => {
    const { bounds, maximized } = placeWindow(undefined, docked);
    expect(bounds).toMatchObject(DEFAULT_WINDOW_SIZE);
    expect(maximized).toBe(false);
    const left = bounds.x - LAPTOP.x;
    const right = LAPTOP.x + LAPTOP.width - (bounds.x + bounds.width);
    const top = bounds.y - LAPTOP.y;
    const bottom = LAPTOP.y + LAPTOP.height - (bounds.y + bounds.height);
    expect(Math.abs(left - right)).toBeLessThanOrEqual(1);
    expect(Math.abs(top - bottom)).toBeLessThanOrEqual(1);
  });

  it('fits the first window on a screen smaller than the default size', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 600 };
    const { bounds } = placeWindow(undefined, { workAreas: [small], primary: small });
    expect(bounds).toEqual(small);
  });

  it('puts a window back exactly where it was when that place is still on screen', () => {
    const onMonitor = { x: 2000, y: 100, width: 1600, height: 1000 };
    expect(placeWindow(saved(onMonitor, true), docked)).toEqual(saved(onMonitor, true));
  });

  it('brings a window from a monitor that is gone onto the primary display, same size', () => {
    const onMonitor = { x: 2000, y: 100, width: 1200, height: 700 };
    const { bounds } = placeWindow(saved(onMonitor), laptopOnly);
    expect(bounds).toMatchObject({ width: 1200, height: 700 });
    expect(inside(bounds, LAPTOP)).toBe(true);
  });

  it('pulls a window hanging off an edge back inside, without resizing it', () => {
    const offRight = { x: 1000, y: 300, width: 800, height: 600 };
    const { bounds } = placeWindow(saved(offRight), laptopOnly);
    expect(bounds).toEqual({ x: LAPTOP.width - 800, y: 300, width: 800, height: 600 });

    const aboveMenuBar = { x: 100, y: -200, width: 800, height: 600 };
    expect(placeWindow(saved(aboveMenuBar), laptopOnly).bounds).toEqual({ x: 100, y: LAPTOP.y, width: 800, height: 600 });
  });

  it('shrinks a window that no longer fits its display', () => {
    const huge = { x: 0, y: 0, width: 2400, height: 1300 };
    const { bounds } = placeWindow(saved(huge), laptopOnly);
    expect(bounds).toEqual(LAPTOP);
  });

  it('keeps a window spanning two displays on the one it mostly covers', () => {
    const mostlyOnMonitor = { x: 1240, y: 100, width: 1000, height: 700 };
    const { bounds } = placeWindow(saved(mostlyOnMonitor), docked);
    expect(inside(bounds, MONITOR)).toBe(true);
    expect(bounds).toMatchObject({ width: 1000, height: 700 });
  });
});

describe('WindowStateFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sse-scope-window-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has nothing to offer on the first launch', () => {
    expect(new WindowStateFile(dir).load()).toBeUndefined();
  });

  it('remembers the state in window-state.json for the next launch', () => {
    const state = saved({ x: 10, y: 20, width: 900, height: 700 }, true);
    new WindowStateFile(dir).save(state);
    expect(new WindowStateFile(dir).load()).toEqual(state);
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual(state);
  });

  it('starts fresh from a damaged file, and can save over it', () => {
    const path = join(dir, 'window-state.json');
    writeFileSync(path, '{"bounds": {"x": 1,');
    const file = new WindowStateFile(dir);
    expect(file.load()).toBeUndefined();
    file.save(saved({ x: 1, y: 2, width: 800, height: 600 }));
    expect(new WindowStateFile(dir).load()).toEqual(saved({ x: 1, y: 2, width: 800, height: 600 }));
  });

  it('ignores a file with the wrong shape', () => {
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ bounds: { x: 'left', y: 0, width: -5, height: 10 } }));
    expect(new WindowStateFile(dir).load()).toBeUndefined();
  });
});

class FakeWindow extends EventEmitter implements TrackedWindow {
  bounds: Rect = { x: 100, y: 100, width: 1280, height: 800 };
  maximized = false;
  minimized = false;
  fullScreen = false;
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  moveTo(x: number, y: number): void {
    this.bounds = { ...this.bounds, x, y };
    this.emit('move');
  }
}

describe('trackWindowState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, with the final position, after the user stops dragging', () => {
    const win = new FakeWindow();
    const saves: WindowState[] = [];
    trackWindowState(win, (state) => saves.push(state), 500);
    for (let x = 100; x <= 300; x += 20) {
      win.moveTo(x, 150);
      vi.advanceTimersByTime(100);
    }
    expect(saves).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(saves).toEqual([saved({ x: 300, y: 150, width: 1280, height: 800 })]);
  });

  it('saves at once when the window closes, so a last move is not lost', () => {
    const win = new FakeWindow();
    const saves: WindowState[] = [];
    trackWindowState(win, (state) => saves.push(state), 500);
    win.moveTo(40, 50);
    win.emit('close');
    expect(saves).toEqual([saved({ x: 40, y: 50, width: 1280, height: 800 })]);
    vi.advanceTimersByTime(1000);
    expect(saves).toHaveLength(1);
  });

  it('remembers maximized together with the size to restore to', () => {
    const win = new FakeWindow();
    const saves: WindowState[] = [];
    trackWindowState(win, (state) => saves.push(state), 500);
    win.maximized = true;
    win.emit('maximize');
    vi.advanceTimersByTime(500);
    expect(saves).toEqual([saved({ x: 100, y: 100, width: 1280, height: 800 }, true)]);
  });

  it('does not save while minimized or full screen', () => {
    const win = new FakeWindow();
    const saves: WindowState[] = [];
    trackWindowState(win, (state) => saves.push(state), 500);
    win.minimized = true;
    win.moveTo(-32000, -32000);
    vi.advanceTimersByTime(500);
    win.emit('close');
    win.minimized = false;
    win.fullScreen = true;
    win.emit('resize');
    vi.advanceTimersByTime(500);
    expect(saves).toEqual([]);
  });

  it('flush saves a waiting change now; dispose drops it', () => {
    const win = new FakeWindow();
    const saves: WindowState[] = [];
    const tracker = trackWindowState(win, (state) => saves.push(state), 500);
    win.moveTo(1, 1);
    tracker.flush();
    expect(saves).toHaveLength(1);
    win.moveTo(2, 2);
    tracker.dispose();
    vi.advanceTimersByTime(1000);
    expect(saves).toHaveLength(1);
  });
});
