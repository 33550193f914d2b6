// Moving saved connections in the sidebar, by dragging or from the keyboard: where a connection
// lands (before or after another one, or into a folder) becomes its new folder and the new order
// of the whole list. The sidebar shows each folder's connections in the saved order, so a move is
// at most two commands: a save of the `folder` field, and 'connections:reorder'.

import type { SavedConnection } from '../../../main/contract.ts';

export type DropTarget = { kind: 'before' | 'after'; connectionId: string } | { kind: 'folder'; folder: string };

export interface MovePlan {
  /** The connection's new folder; null when it stays in its own. */
  folder: string | null;
  /** Every connection id in the new order; null when the order does not change. */
  ids: string[] | null;
}

const NO_MOVE: MovePlan = { folder: null, ids: null };

export function planMove(list: readonly SavedConnection[], id: string, target: DropTarget): MovePlan {
  const moving = list.find((connection) => connection.id === id);
  if (!moving || (target.kind !== 'folder' && target.connectionId === id)) return NO_MOVE;
  const before = list.map((connection) => connection.id);
  const rest = before.filter((other) => other !== id);
  let folder: string;
  let at: number;
  if (target.kind === 'folder') {
    folder = target.folder;
    // After the last connection already in that folder; where it is when there is none.
    const last = rest.findLastIndex((other) => folderOf(list, other) === folder);
    at = last === -1 ? before.indexOf(id) : last + 1;
  } else {
    const anchor = list.find((connection) => connection.id === target.connectionId);
    if (!anchor) return NO_MOVE;
    folder = anchor.folder;
    at = rest.indexOf(anchor.id) + (target.kind === 'after' ? 1 : 0);
  }
  const ids = rest.toSpliced(at, 0, id);
  // Only the order inside each folder shows: a change elsewhere in the list is not a move.
  const inFolder = (order: string[]) => order.filter((other) => (other === id ? folder : folderOf(list, other)) === folder);
  const sameOrder = inFolder(ids).join() === inFolder(before).join();
  return {
    folder: folder === moving.folder ? null : folder,
    ids: (folder === moving.folder && sameOrder) || ids.join() === before.join() ? null : ids,
  };
}

function folderOf(list: readonly SavedConnection[], id: string): string {
  return list.find((connection) => connection.id === id)!.folder;
}

/** One place up (-1) or down (+1) among the connections of its folder; none past either end. */
export function planStep(list: readonly SavedConnection[], id: string, step: -1 | 1): MovePlan {
  const moving = list.find((connection) => connection.id === id);
  if (!moving) return NO_MOVE;
  const siblings = list.filter((connection) => connection.folder === moving.folder);
  const neighbour = siblings[siblings.indexOf(moving) + step];
  if (!neighbour) return NO_MOVE;
  return planMove(list, id, { kind: step < 0 ? 'before' : 'after', connectionId: neighbour.id });
}

export function isNoMove(plan: MovePlan): boolean {
  return plan.folder === null && plan.ids === null;
}
