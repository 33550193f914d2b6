// captures:* — the captures library: list, reopen as an offline session, import a file as one,
// rename, keep (from the size cap) and delete, and read a run's LLM answer (to set two runs side
// by side). Changes are pushed as 'captures:changed'.

import type { AppState } from '../app-state.ts';
import { failed, messageOf, notFound } from '../command-errors.ts';
import { CommandError, type CommandHandlers } from '../dispatcher.ts';
import { OfflineSession } from '../offline-session.ts';
import { importCaptureFile, openCapture } from '../open-session.ts';
import { captureAnswer } from '../capture-answer.ts';

type Names =
  'captures:list' | 'captures:open' | 'captures:import' | 'captures:rename' | 'captures:keep' | 'captures:delete' | 'captures:answer';

export function captureHandlers(app: AppState): Pick<CommandHandlers, Names> {
  const requireCapture = async (captureId: string) => {
    const info = (await app.library.list()).find((candidate) => candidate.id === captureId);
    if (!info) throw notFound(`No capture ${captureId}`);
    return info;
  };

  return {
    'captures:list': () => app.captureViews(),

    'captures:open': async ({ captureId }) => (await openCapture(app, captureId)).view(),

    'captures:import': async ({ path }) => {
      // In the desktop app the main process asks the user with its own dialog: a page that could
      // name any path could read any file the user can (browser mode has no dialog to ask with).
      if (path !== undefined && app.deps.transport === 'electron') {
        throw new CommandError('The desktop app chooses the file to import with its own dialog', 'forbidden');
      }
      const file = path ?? (await app.deps.files.pickImportFile());
      if (file === null) return null; // cancelled, or nothing to ask with (browser mode sends a path)
      return (await importCaptureFile(app, file)).view();
    },

    'captures:rename': async ({ captureId, name }) => {
      await requireCapture(captureId);
      await app.library.rename(captureId, name);
      const session = app.sessions.byCapture(captureId);
      if (session instanceof OfflineSession) {
        session.rename(name.trim());
        app.sessionsChanged();
      }
      await app.capturesChanged();
    },

    'captures:keep': async ({ captureId, kept }) => {
      await requireCapture(captureId);
      await app.library.setKept(captureId, kept);
      await app.capturesChanged();
    },
    'captures:answer': async ({ captureId }) => captureAnswer(app, await requireCapture(captureId)),

    'captures:delete': async ({ captureId }) => {
      const info = await requireCapture(captureId);
      const session = app.sessions.byCapture(captureId);
      if (session) throw failed(`Capture "${info.name}" is open in session ${session.id}: close it first`);
      try {
        await app.library.delete(captureId);
      } catch (error) {
        throw failed(messageOf(error));
      }
      await app.capturesChanged();
    },
  };
}
