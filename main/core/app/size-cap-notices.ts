// What the captures size cap does, in words for the user (see store/size-cap.ts): a warning when
// the folder nears its cap, the captures about to be deleted and when, the ones deleted, and a
// folder that stays over its cap because what is left may not be deleted.

import { formatCount } from '../../common/number-format.ts';
import type { Notice } from '../../contract.ts';
import type { SizeCapEvent } from '../store/capture-library.ts';

/** Captures named in one notice; more are counted. */
const NAMED = 10;
const ADVICE = 'keep the ones you want (Keep, in the captures list) or raise the cap in Settings';

export function sizeCapNotice(event: SizeCapEvent): Notice {
  const cap = megabytes(event.capBytes);
  switch (event.kind) {
    case 'near':
      return {
        level: 'warning',
        message: `The captures folder holds ${megabytes(event.totalBytes)} of its ${cap} cap. When it is full, the oldest finished captures are deleted: ${ADVICE}.`,
      };
    case 'will-delete':
      return {
        level: 'warning',
        message: `The captures folder is over its ${cap} cap (${megabytes(event.totalBytes)}). ${inWords(event.inMs)}, ${count(event.captures.length)} will be deleted to make room, unless you ${ADVICE}: ${names(event.captures)}.`,
      };
    case 'deleted':
      return {
        level: 'info',
        message: `Deleted ${count(event.captures.length)} to keep the captures folder under its ${cap} cap: ${names(event.captures)}.`,
      };
    case 'cannot-fit':
      return {
        level: 'warning',
        message: `The captures folder holds ${megabytes(event.totalBytes)}, over its ${cap} cap, but the captures left are kept, open or recording, so none is deleted. Delete some yourself or raise the cap in Settings.`,
      };
  }
}

function names(captures: { name: string; sizeBytes: number }[]): string {
  const named = captures.slice(0, NAMED).map((capture) => `"${capture.name}" (${megabytes(capture.sizeBytes)})`);
  const more = captures.length - named.length;
  return named.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function count(n: number): string {
  return n === 1 ? '1 capture' : `${n} captures`;
}

function inWords(ms: number): string {
  if (ms <= 0) return 'Now';
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `In ${seconds} seconds` : `In ${Math.round(seconds / 60)} minutes`;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : formatCount(Math.round(mb))} MB`;
}
