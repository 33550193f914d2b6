// FileDestinations for tests: "save dialogs" answer with paths in a temporary folder, and the test
// can cancel the next one or hold it open (to cancel an export while its dialog is showing).

import { join } from 'node:path';
import type { FileDestinations, SaveTarget } from '../../main/core/app/file-destinations.ts';

export interface TempFileDestinations extends FileDestinations {
  readonly folder: string;
  /** The names suggested to saveTarget, in order. */
  readonly suggested: string[];
  /** The next saveTarget answers null, as when the user cancels the dialog. */
  cancelNext(): void;
  /** The next saveTarget waits until the returned function is called (the dialog stays open). */
  holdNext(): () => void;
  /** What pickImportFile answers. */
  importFile: string | null;
}

export function tempFileDestinations(folder: string): TempFileDestinations {
  let cancel = false;
  let hold: Promise<void> | null = null;
  const destinations: TempFileDestinations = {
    folder,
    suggested: [],
    importFile: null,
    cancelNext: () => (cancel = true),
    holdNext() {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return release;
    },
    async saveTarget(suggestedName: string): Promise<SaveTarget | null> {
      destinations.suggested.push(suggestedName);
      if (hold) {
        const held = hold;
        hold = null;
        await held;
      }
      if (cancel) {
        cancel = false;
        return null;
      }
      const path = join(folder, suggestedName);
      return { path, outcome: (result) => ({ status: 'saved', path, ...result }) };
    },
    pickImportFile: async () => destinations.importFile,
  };
  return destinations;
}
