// How the timeline lays itself out: TYPE and ID columns as wide as what they show (within a
// minimum and a maximum, never shrinking back as rows scroll by), the rest left to DATA; and the
// detail pane's width, kept within limits, changed by keys and remembered across launches.

import { describe, expect, it } from 'vitest';
import { columnTemplate, fitChars, growFit, ID_CHARS, INITIAL_FIT, TYPE_CHARS } from '../../../renderer/src/lib/timeline/column-widths.ts';
import {
  DEFAULT_PANE_WIDTH,
  MIN_PANE_WIDTH,
  MIN_TIMELINE_WIDTH,
  PANE_WIDTH_KEY,
  clampPaneWidth,
  loadPaneWidth,
  paneLimits,
  savePaneWidth,
  widthAfterKey,
} from '../../../renderer/src/lib/pane-width.ts';

const cell = (type: string, id = '') => ({ type, id });

describe('timeline columns', () => {
  it('fit the widest type and id on screen, so "notification" and its id show in full', () => {
    const fit = growFit(INITIAL_FIT, [cell('chat', '4'), cell('notification', '12'), cell('price', '3')]);
    expect(fit.type).toBeGreaterThanOrEqual('notification'.length);
    expect(fit.id).toBeGreaterThanOrEqual('12'.length);
    expect(fit.type).toBeLessThanOrEqual(TYPE_CHARS.max);
  });

  it('stop at a maximum, past which the text is cut (the row shows it whole as a tooltip)', () => {
    const uuid = '7d7e4c57-52b4-4ad6-9d4e-000000000001';
    const fit = growFit(INITIAL_FIT, [cell('x'.repeat(200), uuid)]);
    expect(fit).toEqual({ type: TYPE_CHARS.max, id: ID_CHARS.max });
  });

  it('never narrow again when narrower rows scroll into view', () => {
    const wide = growFit(INITIAL_FIT, [cell('notification', '123456')]);
    expect(growFit(wide, [cell('a', '1')])).toBe(wide);
  });

  it('stay at their minimum for rows without type or id (comments, lifecycle records)', () => {
    expect(growFit(INITIAL_FIT, [cell(''), cell('', '')])).toBe(INITIAL_FIT);
    expect(fitChars(0, TYPE_CHARS)).toBe(TYPE_CHARS.min);
  });

  it('give DATA all the width the others leave', () => {
    const template = columnTemplate(growFit(INITIAL_FIT, [cell('message', '14')]));
    const tracks = template.match(/minmax\([^)]*\)|\S+/g)!;
    expect(tracks).toHaveLength(7);
    expect(tracks.slice(0, 6).every((track) => /^\d+ch$/.test(track))).toBe(true);
    expect(tracks[6]).toBe('minmax(0, 1fr)');
  });
});

/** A localStorage stand-in: what was set, with getItem/setItem as Storage has them. */
function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

describe('detail pane width', () => {
  it('is remembered under one key for the whole app and read back on the next launch', () => {
    const storage = memoryStorage();
    expect(loadPaneWidth(storage)).toBe(DEFAULT_PANE_WIDTH);
    savePaneWidth(storage, 512.4);
    expect(storage.values.get(PANE_WIDTH_KEY)).toBe('512');
    expect(loadPaneWidth(storage)).toBe(512);
  });

  it('falls back to the default for a value it cannot use, or storage that refuses', () => {
    for (const stored of ['', 'wide', '-40', String(MIN_PANE_WIDTH - 1)]) {
      expect(loadPaneWidth(memoryStorage({ [PANE_WIDTH_KEY]: stored }))).toBe(DEFAULT_PANE_WIDTH);
    }
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadPaneWidth(refusing)).toBe(DEFAULT_PANE_WIDTH);
    expect(() => savePaneWidth(refusing, 400)).not.toThrow();
    expect(loadPaneWidth(null)).toBe(DEFAULT_PANE_WIDTH);
  });

  it('leaves the timeline its minimum beside it, and keeps its own in a small window', () => {
    expect(clampPaneWidth(5000, 1000)).toBe(1000 - MIN_TIMELINE_WIDTH);
    expect(clampPaneWidth(10, 1000)).toBe(MIN_PANE_WIDTH);
    expect(clampPaneWidth(400, 500)).toBe(MIN_PANE_WIDTH);
    expect(paneLimits(1000)).toEqual({ min: MIN_PANE_WIDTH, max: 1000 - MIN_TIMELINE_WIDTH });
  });

  it('moves with the keys on its edge: Left widens, Right narrows, Home and End go to the limits', () => {
    const limits = paneLimits(1000);
    expect(widthAfterKey('ArrowLeft', false, 400, limits)).toBeGreaterThan(400);
    expect(widthAfterKey('ArrowRight', false, 400, limits)).toBeLessThan(400);
    expect(widthAfterKey('ArrowLeft', true, 400, limits)! - 400).toBeGreaterThan(widthAfterKey('ArrowLeft', false, 400, limits)! - 400);
    expect(widthAfterKey('ArrowLeft', true, limits.max - 1, limits)).toBe(limits.max);
    expect(widthAfterKey('ArrowRight', true, limits.min + 1, limits)).toBe(limits.min);
    expect(widthAfterKey('Home', false, 400, limits)).toBe(limits.min);
    expect(widthAfterKey('End', false, 400, limits)).toBe(limits.max);
    expect(widthAfterKey('a', false, 400, limits)).toBeNull();
  });
});
