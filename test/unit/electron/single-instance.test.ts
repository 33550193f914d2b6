// One running copy (main/electron/single-instance.ts): a second launch quits, and the first
// copy comes to the front.

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { claimSingleInstance, type FocusableWindow, type InstanceApp } from '../../../main/electron/single-instance.ts';

class FakeApp extends EventEmitter implements InstanceApp {
  quitCalled = false;
  constructor(private readonly lockFree: boolean) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.lockFree;
  }
  quit(): void {
    this.quitCalled = true;
  }
}

class FakeWindow implements FocusableWindow {
  readonly calls: string[] = [];
  constructor(
    public minimized = false,
    public destroyed = false,
  ) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
}

describe('claimSingleInstance', () => {
  it('makes a second copy quit and stop starting up', () => {
    const app = new FakeApp(false);
    expect(claimSingleInstance(app, { getWindow: () => undefined })).toBe(false);
    expect(app.quitCalled).toBe(true);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('brings the first copy forward, un-minimized, when launched again', () => {
    const app = new FakeApp(true);
    const win = new FakeWindow(true);
    expect(claimSingleInstance(app, { getWindow: () => win })).toBe(true);
    expect(app.quitCalled).toBe(false);
    app.emit('second-instance');
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('focuses a window that is merely behind others', () => {
    const app = new FakeApp(true);
    const win = new FakeWindow(false);
    claimSingleInstance(app, { getWindow: () => win });
    app.emit('second-instance');
    expect(win.calls).toEqual(['show', 'focus']);
  });

  it('opens a window when the first copy has none (or only a closed one)', () => {
    for (const current of [undefined, new FakeWindow(false, true)]) {
      const app = new FakeApp(true);
      let opened = 0;
      claimSingleInstance(app, { getWindow: () => current, openWindow: () => (opened += 1) });
      app.emit('second-instance');
      expect(opened).toBe(1);
      expect(current?.calls ?? []).toEqual([]);
    }
  });
});
