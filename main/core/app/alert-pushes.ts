// Where the alert book's changes go in the app: every change to the views ('alerts:changed'), and
// an alert that was raised, or that reports the matches its rate limit held back, to the desktop
// as a notification while the user has them on (Settings). The book already coalesces matches
// per rule and minute, so a firehose of matches makes a notification a minute, not one per match.

import { alertNotification, isNotifiedChange } from '../../common/alerts.ts';
import type { AlertBook } from '../monitor/alert-book.ts';
import type { AppState } from './app-state.ts';

/** Sends the book's changes on; returns a function that stops it. */
export function pushAlertChanges(app: AppState, book: AlertBook): () => void {
  let writeWarned = false;
  const stopErrors = book.onError((error) => {
    app.deps.log?.('An alert could not be written to its log', error);
    if (writeWarned) return;
    writeWarned = true;
    app.notice({
      level: 'warning',
      message: `An alert could not be saved with its capture: ${error.message}. It is shown, but will not survive a restart.`,
    });
  });
  const stopChanges = book.onChange((update) => {
    app.push('alerts:changed', update);
    if (isNotifiedChange(update.change) && app.deps.notify && app.settings().notifications) {
      const { title, body } = alertNotification(update);
      app.deps.notify(title, body);
    }
  });
  return () => {
    stopErrors();
    stopChanges();
  };
}
