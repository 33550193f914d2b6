// The memory budget: the open sessions' windows share a quarter of it evenly, a window over its
// share gives up its oldest records at once (they are in the capture file), and what one capture
// file may leave waiting is part of a twentieth of it, within fixed bounds.

import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../../../main/core/app/memory-budget.ts';
import { CAPTURE_BACKLOG_BYTES, RecordStore } from '../../../main/core/store/record-store.ts';
import { makeRecords } from '../store/make-records.ts';

const MB = 1024 * 1024;

function storeWith(records: number): RecordStore {
  const store = new RecordStore({ windowSize: 1_000_000 });
  store.append(makeRecords(records));
  return store;
}

describe('MemoryBudget', () => {
  it('splits a quarter of the budget evenly between the windows, and shares again as sessions come and go', () => {
    const stores = [storeWith(20_000), storeWith(20_000)];
    const budget = new MemoryBudget(128, () => stores);
    expect(budget.newWindowBytes()).toBe((32 * MB) / 3);
    budget.rebalance();
    for (const store of stores) expect(store.window.maxBytes).toBe(16 * MB);

    stores.push(storeWith(100_000)); // about 25 MB of records
    budget.rebalance();
    for (const store of stores) {
      expect(store.window.maxBytes).toBe((32 * MB) / 3);
      expect(store.window.bytes).toBeLessThanOrEqual((32 * MB) / 3);
    }
    // The newest records stayed; the store still counts every one.
    expect(stores[2]!.window.lastSeq).toBe(100_000);
    expect(stores[2]!.total).toBe(100_000);

    budget.setMegabytes(1024);
    expect(stores[0]!.window.maxBytes).toBe((256 * MB) / 3);
  });

  it("bounds what one capture file may leave waiting: a share of a twentieth, between 256 KiB and the store's own bound", () => {
    const stores: RecordStore[] = [];
    const budget = new MemoryBudget(1024, () => stores);
    expect(budget.captureBacklogBytes()).toBe(CAPTURE_BACKLOG_BYTES);
    for (let n = 0; n < 32; n++) stores.push(new RecordStore());
    expect(budget.captureBacklogBytes()).toBe((1024 * MB) / 20 / 32);
    budget.setMegabytes(128);
    expect(budget.captureBacklogBytes()).toBe(256 * 1024);
  });
});
