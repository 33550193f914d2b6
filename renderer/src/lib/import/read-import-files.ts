// Reads what the user chose in the Import dialog (one file, several, or a whole folder) as the
// text the main process imports. A picked folder sends each file's path from the folder down
// (`webkitRelativePath`, "SSE Demo/Streams/prices.bru"), so Bruno's folders are kept. What cannot
// be a collection is left out with a note saying why: hidden folders (.git) and node_modules,
// images and other binary files, files over the size limit. More than the import limits allow
// together is refused, saying what to do.

import type { ImportFile } from '../../../../main/common/import-preview.ts';
import {
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_FILES,
  MAX_IMPORT_PATH_CHARS,
  MAX_IMPORT_TOTAL_BYTES,
} from '../../../../main/common/import-limits.ts';
import { formatBytes } from '../format/size-format.ts';

/** What was read, and what was left out (one sentence each). */
export interface ChosenFiles {
  files: ImportFile[];
  notes: string[];
}

/** What a File offers here (a picked folder's file has a relative path; one file alone has ""). */
export type PickedFile = Pick<File, 'name' | 'size' | 'webkitRelativePath' | 'text'>;

/** Never requests: the folders version control and package managers keep. */
const SKIPPED_FOLDER = /(^|\/)(\.[^/]*|node_modules)\//;
/** Types that are never text, skipped without reading them. */
const BINARY_NAME =
  /\.(png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|exe|dll|so|dylib|woff2?|ttf|otf|mp[34]|mov|avi|wav|ogg|webm|sqlite|db)$/i;

/** Reads the files; throws an Error with a plain message when they cannot be imported together. */
export async function readImportFiles(chosen: Iterable<PickedFile>): Promise<ChosenFiles> {
  const files: ImportFile[] = [];
  const notes: string[] = [];
  let hidden = 0;
  let total = 0;
  for (const file of chosen) {
    const path = (file.webkitRelativePath || file.name).slice(0, MAX_IMPORT_PATH_CHARS);
    if (SKIPPED_FOLDER.test(path)) {
      hidden++;
      continue;
    }
    if (BINARY_NAME.test(file.name)) {
      notes.push(`${path} was left out: it is not a text file.`);
      continue;
    }
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      notes.push(
        `${path} was left out: it is too large to import (${formatBytes(file.size)}; at most ${formatBytes(MAX_IMPORT_FILE_BYTES)}).`,
      );
      continue;
    }
    total += file.size;
    if (total > MAX_IMPORT_TOTAL_BYTES) {
      throw new Error(
        `These files are too large to import together (more than ${formatBytes(MAX_IMPORT_TOTAL_BYTES)}): choose fewer files, or a smaller folder.`,
      );
    }
    if (files.length === MAX_IMPORT_FILES) {
      throw new Error(`These are too many files to import together (at most ${MAX_IMPORT_FILES}): choose a smaller folder.`);
    }
    const text = await file.text();
    if (text.includes('\u0000')) {
      notes.push(`${path} was left out: it is not a text file.`);
      continue;
    }
    files.push({ path, text });
  }
  if (hidden > 0)
    notes.push(
      `${hidden === 1 ? '1 file' : `${hidden} files`} in hidden folders (such as .git) and node_modules ${hidden === 1 ? 'was' : 'were'} left out.`,
    );
  if (files.length === 0) throw new Error(notes.length > 0 ? `Nothing here can be imported: ${notes.join(' ')}` : 'No file was chosen.');
  return { files, notes };
}
