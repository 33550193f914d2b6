// The captures library across processes, on real files and real processes: a capture whose
// recording mark names a running process is recording (listed so, never deleted, not opened),
// one whose process has exited is not (its mark is stale), and the owner's in-use captures are
// never deleted to fit the size cap.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thisProcess } from '../../../main/core/process-marks.ts';
import { CaptureLibrary } from '../../../main/core/store/capture-library.ts';
import { makeRecords } from './make-records.ts';

let folder: string;
let now: number;
const clock = () => now;
const children: ChildProcess[] = [];

beforeEach(async () => {
  folder = join(await mkdtemp(join(tmpdir(), 'capture-marks-test-')), 'captures');
  now = Date.UTC(2025, 0, 1);
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(join(folder, '..'), { recursive: true, force: true });
});

/** A process that runs until the test ends. */
function runningProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/** The pid of a process that has exited. */
async function exitedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** A capture another process was recording (records, a meta file with no end, and its mark); its id. */
async function captureRecordedBy(pid: number, name: string, count: number): Promise<string> {
  const library = new CaptureLibrary(folder, { clock });
  const live = await library.create({ name });
  live.store.append(makeRecords(count));
  await live.store.flush();
  await live.store.close();
  // As `sse-scope capture --save` in process `pid` leaves it while it records.
  await writeFile(join(folder, `${live.id}.recording`), JSON.stringify({ pid, host: hostname(), token: 'its-run' }));
  now += 60_000;
  return live.id;
}

async function finishedCapture(library: CaptureLibrary, name: string, count: number): Promise<string> {
  const live = await library.create({ name });
  live.store.append(makeRecords(count));
  now += 60_000;
  await live.finish();
  return live.id;
}

describe('a capture recorded by another process', () => {
  it('is listed as recording, and is neither deleted, nor trimmed by the size cap, nor opened', async () => {
    const pid = runningProcess();
    const recording = await captureRecordedBy(pid, 'from the CLI', 500);
    const library = new CaptureLibrary(folder, { clock });
    const finished = await finishedCapture(library, 'finished here', 500);

    const [newest, oldest] = await library.list();
    expect(newest).toMatchObject({ id: finished, recording: false, records: 500 });
    expect(oldest).toMatchObject({ id: recording, recording: true, recorderPid: pid, endedAt: null, records: null });

    await expect(library.delete(recording)).rejects.toThrow(`still being recorded by another process (pid ${pid})`);
    await expect(library.open(recording)).rejects.toThrow(`still being recorded by another process (pid ${pid})`);
    // Over the cap: the oldest is the one recording, so the finished one goes instead.
    expect(await library.setSizeCap(1)).toEqual([finished]);
    expect((await library.list()).map((info) => info.id)).toEqual([recording]);
  });

  it('is finished, deletable and openable once its process has exited (a stale mark)', async () => {
    const pid = await exitedProcess();
    const crashed = await captureRecordedBy(pid, 'crashed', 300);
    const library = new CaptureLibrary(folder, { clock });
    expect(await library.list()).toMatchObject([{ id: crashed, recording: false, recorderPid: null, endedAt: null }]);

    const { info, store } = await library.open(crashed);
    expect(store.total).toBe(300);
    expect(info).toMatchObject({ recording: false, records: 300, endedAt: makeRecords(300)[299]!.time });
    expect(await readdir(folder)).not.toContain(`${crashed}.recording`); // opening it cleared the stale mark

    expect(await library.setSizeCap(1)).toEqual([crashed]);
    expect(await readdir(folder)).toEqual([]);
  });

  it('counts a mark with this pid from an earlier run (a restarted container) as stale', async () => {
    const library = new CaptureLibrary(folder, { clock });
    const id = await finishedCapture(library, 'earlier run', 10);
    await writeFile(join(folder, `${id}.recording`), JSON.stringify({ ...thisProcess(), token: 'an-earlier-run' }));
    expect(await library.list()).toMatchObject([{ id, recording: false }]);
    await library.delete(id);
    expect(await readdir(folder)).toEqual([]);
  });

  it('sees a capture another library in this process is recording, until it finishes', async () => {
    const recorder = new CaptureLibrary(folder, { clock });
    const live = await recorder.create({ name: 'recording here' });
    live.store.append(makeRecords(5));
    const other = new CaptureLibrary(folder, { clock, sizeCapBytes: 1 });
    expect(await other.list()).toMatchObject([{ id: live.id, recording: true, recorderPid: process.pid }]);
    expect(await other.setSizeCap(1)).toEqual([]);
    await live.finish();
    expect(await other.list()).toMatchObject([{ id: live.id, recording: false, records: 5 }]);
    expect(await readdir(folder)).not.toContain(`${live.id}.recording`);
  });
});

describe('captures the owner has in use', () => {
  it('are skipped by the size cap and cannot be deleted until let go', async () => {
    const open = new Set<string>();
    const library = new CaptureLibrary(folder, { clock, isInUse: (id) => open.has(id) });
    const oldest = await finishedCapture(library, 'open in a tab', 200);
    const newer = await finishedCapture(library, 'not open', 200);
    open.add(oldest);

    expect(await library.setSizeCap(1)).toEqual([newer]);
    await expect(library.delete(oldest)).rejects.toThrow('is open: close it before deleting it');
    expect((await library.list()).map((info) => info.id)).toEqual([oldest]);

    open.delete(oldest);
    expect(await library.setSizeCap(1)).toEqual([oldest]);
  });
});
