// The workspace: the tabs the view shows, in order, and the selected one, kept in memory for every
// view (a reloaded page gets them back) and in `workspace.json` in the data folder (owner-only)
// for the next start. On disk each tab is kept as what can bring it back: its saved connection
// and the capture it showed. At start, a tab whose connection connected by itself (monitored, or
// auto-connect) is that session again; any other comes back as its last capture, reopened
// offline: a request is never sent again by a restart.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { WorkspaceView } from '../../contract.ts';
import { writeFileAtomically } from '../export/temp-file.ts';
import { failed, messageOf } from './command-errors.ts';
import type { AppSession, SessionRegistry } from './session-registry.ts';

export const WORKSPACE_FILE_NAME = 'workspace.json';

const SavedTabSchema = z.object({ connectionId: z.string().nullable(), captureId: z.string().nullable() });
const WorkspaceFileSchema = z.object({
  version: z.literal(1),
  tabs: z.array(SavedTabSchema).max(10_000),
  /** The selected tab, by place in `tabs`. */
  activeIndex: z.int().min(0).nullable(),
});

export type SavedTab = z.infer<typeof SavedTabSchema>;
type WorkspaceFile = z.infer<typeof WorkspaceFileSchema>;

export class Workspace {
  readonly path: string;
  readonly #sessions: SessionRegistry;
  #view: WorkspaceView = { sessionIds: [], activeSessionId: null };
  /** A view was saved or restored in this run, so it is written again at stop. */
  #known = false;
  #writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string, sessions: SessionRegistry) {
    this.path = join(dataDir, WORKSPACE_FILE_NAME);
    this.#sessions = sessions;
  }

  /** The tabs to show: the last view's sessions that are still open. */
  view(): WorkspaceView {
    const open = new Set(this.#sessions.all().map((session) => session.id));
    const sessionIds = this.#view.sessionIds.filter((id) => open.has(id));
    const active = this.#view.activeSessionId;
    return { sessionIds, activeSessionId: active !== null && open.has(active) ? active : null };
  }

  /**
   * Brings the tabs of the last run back, each as the session `reopen` gives for it (null: it is
   * left out). Returns what the user should know: a file that could not be read, tabs that could
   * not come back.
   */
  async restore(reopen: (tab: SavedTab) => Promise<AppSession | null>): Promise<string[]> {
    const problems: string[] = [];
    let saved: WorkspaceFile | null;
    try {
      saved = await this.#read();
    } catch (error) {
      return [`The tabs of the last run could not be read (${messageOf(error)}); they start afresh.`];
    }
    if (!saved) return problems;
    const sessionIds: string[] = [];
    let activeSessionId: string | null = null;
    let lost = 0;
    for (const [index, tab] of saved.tabs.entries()) {
      const session = await reopen(tab).catch(() => null);
      if (!session) {
        lost++;
        continue;
      }
      if (!sessionIds.includes(session.id)) sessionIds.push(session.id);
      if (index === saved.activeIndex) activeSessionId = session.id;
    }
    if (lost > 0)
      problems.push(
        `${lost} ${lost === 1 ? 'tab' : 'tabs'} of the last run could not come back: ${lost === 1 ? 'its capture is' : 'their captures are'} gone.`,
      );
    this.#view = { sessionIds, activeSessionId };
    this.#known = true;
    return problems;
  }

  /** The view's tabs changed: kept for every view, and written for the next start. */
  async save(view: WorkspaceView): Promise<void> {
    this.#view = { sessionIds: [...view.sessionIds], activeSessionId: view.activeSessionId };
    this.#known = true;
    try {
      await this.#write();
    } catch (error) {
      throw failed(`The open tabs could not be kept for the next start: ${messageOf(error)}`);
    }
  }

  /** Writes the tabs once more as the app stops (a live tab's capture changes when it is cleared). */
  async persist(): Promise<void> {
    if (this.#known) await this.#write();
  }

  /** One write at a time, each with the tabs as they are when it starts. */
  #write(): Promise<void> {
    const run = this.#writing.catch(() => {}).then(() => writeFileAtomically(this.path, JSON.stringify(this.#document()) + '\n'));
    this.#writing = run;
    return run;
  }

  #document(): WorkspaceFile {
    const { sessionIds, activeSessionId } = this.view();
    const tabs: SavedTab[] = [];
    let activeIndex: number | null = null;
    for (const id of sessionIds) {
      const view = this.#sessions.get(id).view();
      if (id === activeSessionId) activeIndex = tabs.length;
      tabs.push({ connectionId: view.connectionId, captureId: view.captureId });
    }
    return { version: 1, tabs, activeIndex };
  }

  async #read(): Promise<WorkspaceFile | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const parsed = WorkspaceFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('it does not have the expected content');
    return parsed.data;
  }
}
