// Rows fetched by page: on-screen holes are loaded once, live rows fill the tail, rows a load
// did not find are "gone" rather than loading forever, and a failed load is retried later.

import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, PagedRows, type PageLoad } from '../../../../renderer/src/lib/timeline/paged-rows.ts';

function source(available: (index: number) => boolean = () => true) {
  const requested: number[] = [];
  let fail = false;
  const rows = new PagedRows<string>({
    fetchPage: async (page): Promise<PageLoad<string>> => {
      requested.push(page);
      if (fail) throw new Error('offline');
      const items: Array<[number, string]> = [];
      for (let i = page * PAGE_SIZE; i < (page + 1) * PAGE_SIZE; i++) if (available(i)) items.push([i, `row ${i}`]);
      return { items, coveredTo: (page + 1) * PAGE_SIZE };
    },
    onLoaded: () => {},
  });
  return { rows, requested, setFail: (value: boolean) => (fail = value) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('paged rows', () => {
  it('loads the pages on screen once and serves their rows', async () => {
    const { rows, requested } = source();
    expect(rows.want(150, 250)).toBe(true);
    expect(rows.get(150)).toBe('loading');
    await settle();
    expect(rows.get(150)).toBe('row 150');
    expect(rows.get(249)).toBe('row 249');
    expect(rows.want(150, 250)).toBe(false);
    expect(requested).toEqual([0, 1]);
  });

  it('takes live rows into the tail page without a fetch', () => {
    const { rows, requested } = source();
    rows.put(1000, 'live 1000', true);
    rows.put(1001, 'live 1001', true);
    expect(rows.get(1001)).toBe('live 1001');
    rows.put(5000, 'not followed', false);
    expect(rows.get(5000)).toBeUndefined();
    expect(requested).toEqual([]);
  });

  it('fetches a hole left by a skipped live batch when it comes on screen', async () => {
    const { rows, requested } = source();
    rows.put(1000, 'live 1000', true);
    rows.put(1005, 'live 1005', true);
    expect(rows.want(1000, 1006)).toBe(true);
    await settle();
    expect(rows.get(1002)).toBe('row 1002');
    expect(rows.get(1005)).toMatch(/ 1005$/);
    expect(requested).toEqual([5]);
  });

  it('calls rows a load did not bring gone, and does not ask again', async () => {
    const { rows, requested } = source((index) => index >= 50);
    rows.want(0, 100);
    await settle();
    expect(rows.get(10)).toBe('gone');
    expect(rows.get(60)).toBe('row 60');
    expect(rows.want(0, 100)).toBe(false);
    expect(requested).toEqual([0]);
  });

  it('waits before trying a failed page again', async () => {
    const { rows, requested, setFail } = source();
    setFail(true);
    rows.want(0, 10);
    await settle();
    expect(rows.get(0)).toBeUndefined();
    expect(rows.want(0, 10)).toBe(false);
    expect(requested).toEqual([0]);
  });

  it('keeps showing stale rows until their reload replaces them', async () => {
    let version = 1;
    const rows = new PagedRows<string>({
      fetchPage: async (page) => ({ items: [[page * PAGE_SIZE, `v${version}`]], coveredTo: page * PAGE_SIZE + 1 }),
      onLoaded: () => {},
    });
    rows.want(0, 1);
    await settle();
    version = 2;
    rows.invalidate();
    expect(rows.get(0)).toBe('v1');
    expect(rows.want(0, 1)).toBe(true);
    await settle();
    expect(rows.get(0)).toBe('v2');
  });

  it('ignores a load that finishes after a reset', async () => {
    const { rows } = source();
    rows.want(0, 10);
    rows.reset();
    await settle();
    expect(rows.get(0)).toBeUndefined();
  });
});
