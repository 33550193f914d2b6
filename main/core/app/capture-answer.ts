// A capture's LLM answer and figures on their own, without opening a tab: what the run history
// sets side by side. A capture a session shows (the current run of a request, a reopened capture)
// answers with that session's answer; any other is read from its file, merged with the format
// setting recorded when it started.

import type { CaptureAnswerView } from '../../contract.ts';
import { llmFormatSettingOf } from '../../common/llm-format.ts';
import type { CaptureInfo } from '../store/capture-library.ts';
import type { AppState } from './app-state.ts';
import { failed, messageOf } from './command-errors.ts';
import { LiveSession } from './live-session.ts';
import { OfflineSession } from './offline-session.ts';
import { RequestSession } from './request-session.ts';
import { SessionAnswer } from './session-answer.ts';

export async function captureAnswer(app: AppState, info: CaptureInfo): Promise<CaptureAnswerView> {
  const base = { captureId: info.id, name: info.name, startedAt: info.startedAt, run: info.run };
  const shown = app.sessions.byCapture(info.id);
  const answer =
    shown instanceof RequestSession
      ? shown.run?.answer
      : shown instanceof LiveSession || shown instanceof OfflineSession
        ? shown.answer
        : undefined;
  const view = answer?.view();
  if (view) return { ...base, answer: view.answer, figures: view.figures };

  let opened;
  try {
    opened = await app.library.open(info.id, { windowSize: app.settings().windowSize });
  } catch (error) {
    throw failed(`Capture "${info.name}" cannot be read: ${messageOf(error)}`);
  }
  const setting = info.llmFormat === null ? null : llmFormatSettingOf(info.llmFormat);
  const reader = new SessionAnswer({ sessionId: '', push: () => {}, setting, active: true });
  reader.llmCapture = info.kind === 'request' || (setting !== null && setting !== 'auto');
  await reader.readAll(opened.store);
  const read = reader.recognised() ? reader.view() : null;
  return { ...base, answer: read?.answer ?? null, figures: read?.figures ?? null };
}
