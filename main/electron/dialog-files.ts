// Where exports go and imports come from in the app: the native save and open dialogs, attached
// to the main window. The dialogs are injected (main.ts passes Electron's, bound to the window),
// so this runs under plain Node.

import { extname, join } from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FileDestinations } from '../core/app/file-destinations.ts';

/** Electron's dialog.showSaveDialog / showOpenDialog, already bound to the window. */
export interface FileDialogs {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** What the import dialog offers: the export formats the core reads back. */
export const IMPORT_FILTERS = [
  { name: 'Captures (NDJSON, JSON, event stream)', extensions: ['ndjson', 'jsonl', 'json', 'sse', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

export function createDialogFiles(dialogs: FileDialogs, defaultDir: () => string): FileDestinations {
  return {
    async saveTarget(suggestedName) {
      const name = safeFileName(suggestedName);
      const extension = extname(name).slice(1);
      const { canceled, filePath } = await dialogs.showSaveDialog({
        title: 'Export',
        defaultPath: join(defaultDir(), name),
        filters: extension
          ? [
              { name: `${extension.toUpperCase()} file`, extensions: [extension] },
              { name: 'All files', extensions: ['*'] },
            ]
          : [],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (canceled || !filePath) return null;
      return {
        path: filePath,
        outcome: ({ records, bytes }) => ({ status: 'saved', path: filePath, records, bytes }),
      };
    },

    async pickImportFile() {
      const { canceled, filePaths } = await dialogs.showOpenDialog({
        title: 'Import a capture',
        properties: ['openFile'],
        filters: IMPORT_FILTERS,
      });
      return canceled ? null : (filePaths[0] ?? null);
    },
  };
}

/**
 * A suggested name that is only a file name: session names are typed by users and may hold
 * slashes or characters Windows refuses.
 */
export function safeFileName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-')
    .replace(/^[\s.]+/, '')
    .trim();
  return cleaned || 'export';
}
