// The sidebar's folder tree and its moves: "A/B" folders drawn inside "A" with counts, and where a
// dragged (or keyboard-moved) connection lands, as its new folder and the list's new order.

import { describe, expect, it } from 'vitest';
import { SavedConnectionSchema, type SavedConnection } from '../../../main/common/config-schema.ts';
import { allFolders, folderTree, type FolderNode } from '../../../renderer/src/lib/connection-groups.ts';
import { planMove, planStep } from '../../../renderer/src/lib/connection-moves.ts';

let n = 0;
function connection(name: string, folder = ''): SavedConnection {
  n++;
  return SavedConnectionSchema.parse({
    id: `7d7e4c57-52b4-4ad6-9d4e-${String(n).padStart(12, '0')}`,
    kind: 'feed',
    name,
    url: `https://x.test/${n}`,
    folder,
  });
}

const top = connection('Top');
const orders = connection('Orders', 'Billing');
const invoices = connection('Invoices', 'Billing/Staging');
const refunds = connection('Refunds', 'Billing');
const ticker = connection('Ticker', 'Markets');
const list = [top, orders, invoices, refunds, ticker];
const names = (ids: string[] | null) => ids?.map((id) => list.find((c) => c.id === id)!.name) ?? null;

/** The tree as nested [name, total, connections, folders] for reading. */
function shape(node: FolderNode): unknown {
  return [node.name, node.total, node.connections.map((c) => c.name), node.folders.map(shape)];
}

describe('folderTree', () => {
  it('draws A/B inside A, folders by name, connections in the saved order, with totals', () => {
    expect(shape(folderTree(list, ''))).toEqual([
      '',
      5,
      ['Top'],
      [
        ['Billing', 3, ['Orders', 'Refunds'], [['Staging', 1, ['Invoices'], []]]],
        ['Markets', 1, ['Ticker'], []],
      ],
    ]);
  });

  it('keeps only the folders with a connection that matches the filter', () => {
    expect(shape(folderTree(list, 'invo'))).toEqual(['', 1, [], [['Billing', 1, [], [['Staging', 1, ['Invoices'], []]]]]]);
  });

  it('lists every folder in use and the folders they are in', () => {
    expect(allFolders([invoices, ticker])).toEqual(['Billing', 'Billing/Staging', 'Markets']);
  });
});

describe('planMove', () => {
  it('dropped before another connection: that one’s folder, placed just before it', () => {
    const plan = planMove(list, ticker.id, { kind: 'before', connectionId: refunds.id });
    expect(plan.folder).toBe('Billing');
    expect(names(plan.ids)).toEqual(['Top', 'Orders', 'Invoices', 'Ticker', 'Refunds']);
  });

  it('dropped on a folder: after the last connection in it; the order stays when that is where it is', () => {
    const plan = planMove(list, top.id, { kind: 'folder', folder: 'Markets' });
    expect(plan.folder).toBe('Markets');
    expect(names(plan.ids)).toEqual(['Orders', 'Invoices', 'Refunds', 'Ticker', 'Top']);
    expect(planMove(list, orders.id, { kind: 'folder', folder: 'Billing/Staging' })).toEqual({
      folder: 'Billing/Staging',
      ids: [top, invoices, orders, refunds, ticker].map((c) => c.id),
    });
    // A new folder: only the folder changes.
    expect(planMove(list, ticker.id, { kind: 'folder', folder: 'Archive' })).toEqual({ folder: 'Archive', ids: null });
  });

  it('dropped where it already is: nothing to save', () => {
    expect(planMove(list, orders.id, { kind: 'before', connectionId: refunds.id })).toEqual({ folder: null, ids: null });
    expect(planMove(list, orders.id, { kind: 'after', connectionId: orders.id })).toEqual({ folder: null, ids: null });
    expect(planMove(list, ticker.id, { kind: 'folder', folder: 'Markets' })).toEqual({ folder: null, ids: null });
  });
});

describe('planStep', () => {
  it('moves past the neighbour in the same folder, skipping connections of other folders', () => {
    expect(names(planStep(list, refunds.id, -1).ids)).toEqual(['Top', 'Refunds', 'Orders', 'Invoices', 'Ticker']);
    expect(names(planStep(list, orders.id, 1).ids)).toEqual(['Top', 'Invoices', 'Refunds', 'Orders', 'Ticker']);
    expect(planStep(list, orders.id, 1).folder).toBeNull();
  });

  it('does nothing past either end of its folder', () => {
    expect(planStep(list, orders.id, -1)).toEqual({ folder: null, ids: null });
    expect(planStep(list, ticker.id, 1)).toEqual({ folder: null, ids: null });
  });
});
