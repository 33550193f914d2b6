// What the shell's buttons, menu items and shortcuts do, in one place: each action runs its
// commands through the state classes and reports a failure as a toast, so the sidebar, the tab
// bar, the empty state, the native menu and the keyboard all behave the same.

import type { AppInfo, ConnectionInput, CopyFormat, SavedConnection } from '../../../main/contract.ts';
import type { SessionsState } from '../components/session/sessions-state.svelte.ts';
import type { ApiClient } from './api/index.ts';
import { findDemoConnection } from './connection-groups.ts';
import type { MovePlan } from './connection-moves.ts';
import { copyText } from './export/clipboard.ts';
import type { CapturesState } from './state/captures.svelte.ts';
import type { ConnectionsState } from './state/connections.svelte.ts';
import type { EnvironmentsState } from './state/environments.svelte.ts';
import type { NoticesState } from './state/notices.svelte.ts';

export interface AppStates {
  connections: ConnectionsState;
  sessions: SessionsState;
  captures: CapturesState;
  environments: EnvironmentsState;
  notices: NoticesState;
}

export class AppActions {
  readonly #api: ApiClient;
  readonly #states: AppStates;

  constructor(api: ApiClient, states: AppStates) {
    this.#api = api;
    this.#states = states;
  }

  async openConnection(connectionId: string): Promise<void> {
    const name = this.#states.connections.byId(connectionId)?.name ?? 'the connection';
    await this.#report(`Could not open ${name}`, () => this.#states.sessions.openConnection(connectionId));
  }

  /**
   * Saves from the editor (errors go back to it), then connects if asked: a feed connects, a
   * request is sent (a new run). An open tab of another kind than the one saved is closed, so
   * the connection opens again as what it is now.
   */
  async saveConnection(id: string | undefined, input: ConnectionInput, connect: boolean): Promise<SavedConnection> {
    const saved = await this.#states.connections.save(id, input);
    let open = this.#states.sessions.sessionForConnection(saved.id);
    if (open && open.view.kind !== saved.kind) {
      await this.closeTab(open.id);
      open = null;
    }
    if (connect) {
      if (!open) {
        await this.openConnection(saved.id);
        open = this.#states.sessions.sessionForConnection(saved.id);
        if (!open || saved.kind !== 'request') return saved;
      }
      const sessionId = open.id;
      // The session takes the connection as saved now when it connects (or sends) again.
      this.#states.sessions.activate(sessionId);
      const command = saved.kind === 'request' ? 'sessions:send' : 'sessions:reconnect';
      await this.#report(`Could not connect ${saved.name}`, () => this.#api.call(command, { sessionId }));
    }
    return saved;
  }

  async duplicateConnection(connectionId: string): Promise<void> {
    await this.#report('Could not duplicate the connection', () => this.#states.connections.duplicate(connectionId));
  }

  async renameConnection(connectionId: string, name: string): Promise<void> {
    await this.#report('Could not rename the connection', () => this.#states.connections.update(connectionId, { name }));
  }

  /** Saves the new folder, then the new order, as a move in the sidebar planned them. */
  async moveConnection(connectionId: string, plan: MovePlan): Promise<void> {
    const { connections } = this.#states;
    await this.#report('Could not move the connection', async () => {
      if (plan.folder !== null) await connections.update(connectionId, { folder: plan.folder });
      if (plan.ids !== null) await connections.reorder(plan.ids);
    });
  }

  /** Copies the connection's request, with the active environment, as a curl command or a fetch() call. */
  async copyConnectionAs(connectionId: string, format: CopyFormat, maskSecrets: boolean): Promise<void> {
    const what = format === 'curl' ? 'cURL' : 'fetch';
    await this.#report(`Could not copy as ${what}`, async () => {
      const text = await this.#api.call('connections:copy-as', { id: connectionId, format, maskSecrets });
      await copyText(text);
      const name = this.#states.connections.byId(connectionId)?.name ?? 'The connection';
      this.#states.notices.show('info', `${name} copied as ${what}${maskSecrets ? ', secrets masked' : ''}.`);
    });
  }

  async deleteConnection(connectionId: string): Promise<void> {
    await this.#report('Could not delete the connection', () => this.#states.connections.remove(connectionId));
  }

  /** Opens the demo feed: its saved connection, or a new one for the running demo server. */
  async openDemo(info: AppInfo | null): Promise<void> {
    const demo = findDemoConnection(this.#states.connections.list);
    if (demo) return this.openConnection(demo.id);
    if (!info?.demoUrl) {
      this.#states.notices.show('warning', 'The demo feed is not running.');
      return;
    }
    const url = info.demoUrl;
    await this.#report('Could not open the demo feed', async () => {
      const saved = await this.#states.connections.save(undefined, { name: 'Demo feed', url, folder: 'Demo', tags: ['demo'] });
      await this.#states.sessions.openConnection(saved.id);
    });
  }

  async activateEnvironment(environmentId: string | null): Promise<void> {
    await this.#report('Could not change the environment', () => this.#states.environments.activate(environmentId));
  }

  async closeTab(sessionId: string): Promise<void> {
    await this.#report('Could not close the tab', () => this.#states.sessions.close(sessionId));
  }

  /** An alert's record in its timeline: the tab that shows its capture, or the capture reopened. */
  async showRecord(captureId: string, seq: number | null): Promise<boolean> {
    try {
      await this.#states.sessions.showRecord(captureId, seq);
      return true;
    } catch (error) {
      this.#states.notices.error("Could not show the alert's record", error);
      return false;
    }
  }

  async openCapture(captureId: string): Promise<void> {
    await this.#report('Could not open the capture', () => this.#states.sessions.openCapture(captureId));
  }

  /**
   * Imports an exported file as an offline tab (the desktop app asks for the file itself: no
   * path). Errors go back to the form that asked; false when the user cancelled the dialog.
   */
  async importCapture(path: string | undefined): Promise<boolean> {
    return (await this.#states.sessions.importCapture(path)) !== null;
  }

  async renameCapture(captureId: string, name: string): Promise<void> {
    await this.#report('Could not rename the capture', () => this.#states.captures.rename(captureId, name));
  }

  async keepCapture(captureId: string, kept: boolean): Promise<void> {
    await this.#report(kept ? 'Could not keep the capture' : 'Could not let the capture go', () =>
      this.#states.captures.setKept(captureId, kept),
    );
  }

  async deleteCapture(captureId: string): Promise<void> {
    await this.#report('Could not delete the capture', () => this.#states.captures.remove(captureId));
  }

  /** After the page reconnected to the server: pushes may have been missed, so load everything again. */
  async refreshAll(): Promise<void> {
    const { connections, sessions, captures, environments } = this.#states;
    await Promise.all([connections.refresh(), sessions.refresh(), captures.refresh(), environments.refresh()]);
  }

  async #report(what: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.#states.notices.error(what, error);
    }
  }
}
