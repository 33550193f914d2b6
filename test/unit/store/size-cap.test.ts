// The size cap's decisions: the oldest that may go, named a grace period before they go; a cap the
// user sets applies at once; a folder near its cap, or over it with nothing left that may go, is
// reported once.

import { describe, expect, it } from 'vitest';
import type { CaptureInfo } from '../../../main/core/store/capture-library.ts';
import { SizeCapPolicy } from '../../../main/core/store/size-cap.ts';

/** Captures newest first, as list() gives them: ids c1 (oldest)..cN, each `size` bytes. */
function captures(count: number, size: number, extra: Partial<Record<string, Partial<CaptureInfo>>> = {}): CaptureInfo[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `c${count - i}`;
    return {
      id,
      name: `capture ${count - i}`,
      connection: null,
      url: null,
      startedAt: count - i,
      endedAt: count - i,
      recording: false,
      recorderPid: null,
      sizeBytes: size,
      records: 1,
      kind: null,
      llmFormat: null,
      request: null,
      run: null,
      kept: false,
      ...extra[id],
    };
  });
}

const mayGo = (info: CaptureInfo) => !info.kept && !info.recording;
const ids = (list: CaptureInfo[]) => list.map((info) => info.id);

describe('SizeCapPolicy', () => {
  it('names the oldest that must go, and deletes them once the grace period is over', () => {
    let now = 0;
    const policy = new SizeCapPolicy({ graceMs: 1000, clock: () => now });
    const folder = captures(5, 100, { c1: { kept: true } });

    const first = policy.plan(folder, 350, mayGo, false);
    expect(ids(first.remove)).toEqual([]);
    expect(first.events).toMatchObject([{ kind: 'will-delete', totalBytes: 500, capBytes: 350, inMs: 1000 }]);
    expect(ids((first.events[0] as { captures: CaptureInfo[] }).captures)).toEqual(['c2', 'c3']);
    expect(first.recheckInMs).toBe(1000);

    now = 600; // a check before the grace is over: nothing new to say, nothing deleted
    expect(policy.plan(folder, 350, mayGo, false)).toEqual({ remove: [], events: [], recheckInMs: 400 });

    now = 1000;
    const due = policy.plan(folder, 350, mayGo, false);
    expect(ids(due.remove)).toEqual(['c2', 'c3']);
    expect(due.events).toMatchObject([{ kind: 'deleted', totalBytes: 300 }]);
    expect(due.recheckInMs).toBeNull();
  });

  it('forgets a warning about a capture kept meanwhile, and names the next one instead', () => {
    let now = 0;
    const policy = new SizeCapPolicy({ graceMs: 1000, clock: () => now });
    policy.plan(captures(3, 100), 250, mayGo, false); // names c1
    now = 1000;
    const plan = policy.plan(captures(3, 100, { c1: { kept: true } }), 250, mayGo, false);
    expect(ids(plan.remove)).toEqual([]);
    expect(plan.events).toMatchObject([{ kind: 'will-delete', captures: [{ id: 'c2' }] }]);
  });

  it('applies a cap the user set at once, and says when what is left cannot fit', () => {
    const policy = new SizeCapPolicy({ graceMs: 1000, clock: () => 0 });
    const plan = policy.plan(captures(3, 100, { c1: { kept: true }, c3: { recording: true } }), 50, mayGo, true);
    expect(ids(plan.remove)).toEqual(['c2']);
    expect(plan.events.map((event) => event.kind)).toEqual(['deleted', 'cannot-fit']);
    expect(policy.plan(captures(2, 100, { c1: { kept: true }, c2: { recording: true } }), 50, mayGo, true).events).toEqual([]);
  });

  it('warns once as the folder nears the cap, and again only after it has gone well below', () => {
    const policy = new SizeCapPolicy({ clock: () => 0 });
    expect(policy.plan(captures(1, 95), 100, mayGo, false).events).toEqual([{ kind: 'near', totalBytes: 95, capBytes: 100 }]);
    expect(policy.plan(captures(1, 96), 100, mayGo, false).events).toEqual([]);
    expect(policy.plan(captures(1, 85), 100, mayGo, false).events).toEqual([]);
    expect(policy.plan(captures(1, 70), 100, mayGo, false).events).toEqual([]);
    expect(policy.plan(captures(1, 92), 100, mayGo, false).events).toMatchObject([{ kind: 'near' }]);
  });
});
