// Where the app core writes files the user asked for (exports, collection files) and where it
// reads files to import. Each front end supplies its own: the Electron app shows save and open
// dialogs; browser mode writes a temporary file and hands the view a download link.

import type { FileOutcome } from '../../contract.ts';

/** A place to write one file, and how to tell the view where it went. */
export interface SaveTarget {
  /** Absolute path the core writes the file to. */
  path: string;
  /** What the command answers once the file is complete. */
  outcome(result: { records: number; bytes: number }): FileOutcome;
}

export interface FileDestinations {
  /** Asks where to save a file (suggesting `suggestedName`); null when the user cancelled. */
  saveTarget(suggestedName: string): Promise<SaveTarget | null>;
  /** Asks for a file to import; null when cancelled, or when the front end cannot ask (browser mode). */
  pickImportFile(): Promise<string | null>;
}
