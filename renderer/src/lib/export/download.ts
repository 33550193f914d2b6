// Browser mode has no save dialog: an export answers with a URL on the local server, which the
// view fetches as a download through a temporary <a download> link.

import type { FileOutcome } from '../../../../main/contract.ts';

export function triggerDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Where a file went, in words, starting its download in browser mode; null when the user cancelled. */
export function deliverFile(outcome: FileOutcome): string | null {
  switch (outcome.status) {
    case 'saved':
      return `Saved to ${outcome.path}`;
    case 'download':
      triggerDownload(outcome.url, outcome.fileName);
      return `Downloaded ${outcome.fileName}`;
    case 'cancelled':
      return null;
  }
}
