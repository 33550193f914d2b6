// Reads a file the user chose as text, in the page (FileReader): the Import dialog's "choose a
// file". Refuses files too large to be a collection and files that are not text.

import { formatBytes } from '../../../main/common/number-format.ts';

/** Files larger than this are not a collection anyone imports: refused before reading. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export function readTextFile(file: File): Promise<string> {
  if (file.size > MAX_IMPORT_BYTES) {
    return Promise.reject(
      new Error(`${file.name} is too large to import (${formatBytes(file.size)}; at most ${formatBytes(MAX_IMPORT_BYTES)}).`),
    );
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const text = String(reader.result ?? '');
      if (text.includes('\u0000')) reject(new Error(`${file.name} is not a text file.`));
      else resolve(text);
    };
    reader.onerror = () => reject(new Error(`Could not read ${file.name}: ${reader.error?.message ?? 'unknown error'}`));
    reader.readAsText(file);
  });
}
