// The event streams an import found (a HAR's event-stream responses) saved as captures of the
// library, so they show in the captures list and open like any recording. All or none: when one
// cannot be saved, the ones saved before it are deleted again.

import type { CaptureDraft } from '../../common/import-preview.ts';
import type { CaptureInfo, CaptureLibrary } from '../store/capture-library.ts';

/** Saves every draft as a finished capture; throws (having saved none) when one cannot be saved. */
export async function saveCaptureDrafts(library: CaptureLibrary, drafts: readonly CaptureDraft[]): Promise<CaptureInfo[]> {
  const saved: string[] = [];
  try {
    for (const draft of drafts) {
      const live = await library.create({ name: draft.name, connection: null, url: draft.url });
      saved.push(live.id);
      live.store.append(draft.records);
      await live.finish();
    }
  } catch (error) {
    await deleteCaptures(library, saved);
    throw error;
  }
  const infos = await library.list();
  return saved.map((id) => infos.find((info) => info.id === id)).filter((info): info is CaptureInfo => info !== undefined);
}

/** Undoes saveCaptureDrafts (the configuration refused the rest of the import); best effort. */
export async function deleteCaptures(library: CaptureLibrary, ids: readonly string[]): Promise<void> {
  for (const id of ids) await library.delete(id).catch(() => {});
}
