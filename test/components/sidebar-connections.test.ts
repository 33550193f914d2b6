// The saved connections in the sidebar as a user arranges them: folders inside folders drawn as a
// tree that folds, a menu on each connection (right-click, Shift+F10 or the "…" button) that
// renames, duplicates, copies as cURL and deletes, moves from the keyboard (Alt+↑/↓, Move to
// folder…), and dragging onto another connection or onto a folder. What reaches the main process
// is checked, and what the sidebar then shows.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { SavedConnection } from '../../main/contract.ts';
import { SavedConnectionSchema } from '../../main/common/config-schema.ts';
import App from '../../renderer/src/App.svelte';
import { appContext } from '../../renderer/src/lib/app-context.ts';
import { fakeApi, type FakeApi } from './support/fake-api.ts';

let n = 0;
function saved(name: string, folder = '', extra: Record<string, unknown> = {}): SavedConnection {
  n++;
  return SavedConnectionSchema.parse({
    id: `7d7e4c57-52b4-4ad6-9d4e-${String(n).padStart(12, '0')}`,
    kind: 'feed',
    name,
    url: `https://x.test/${n}`,
    folder,
    ...extra,
  });
}

let api: FakeApi;
let list: SavedConnection[];

async function mountApp(connections: SavedConnection[]): Promise<void> {
  list = connections;
  api = fakeApi([], [], {
    handlers: {
      'connections:list': () => list,
      'connections:save': ({ id, connection }) => {
        const next = SavedConnectionSchema.parse({ ...connection, id });
        list = list.map((other) => (other.id === id ? next : other));
        return next;
      },
      'connections:reorder': ({ ids }) => {
        list = ids.map((id) => list.find((connection) => connection.id === id)!);
      },
      'connections:duplicate': ({ id }) => {
        const copy = { ...list.find((connection) => connection.id === id)!, id: '7d7e4c57-52b4-4ad6-9d4e-999999999999', name: 'Copy' };
        list = [...list, copy];
        return copy;
      },
      'connections:delete': ({ id }) => {
        list = list.filter((connection) => connection.id !== id);
      },
      'connections:copy-as': ({ format }) => (format === 'curl' ? "curl -N 'https://x.test/1'" : 'await fetch(...)'),
      'captures:list': () => [],
      'environments:list': () => ({ environments: [], activeId: null }),
    },
  });
  await render(App, { context: appContext(api) });
  await api.idle();
}

const sidebar = () => page.getByRole('navigation', { name: 'Connections' });
const item = (name: string) => sidebar().getByRole('button', { name, exact: true });
const folder = (path: string) => sidebar().getByRole('region', { name: path, exact: true });
/** The names in the sidebar, in the order drawn. */
const drawnNames = () => [...document.querySelectorAll('nav [data-connection-id] .name')].map((element) => element.textContent);

async function openMenu(name: string) {
  await item(name).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: `Actions for ${name}` });
  await expect.element(menu).toBeVisible();
  return menu;
}

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('folders', () => {
  it('draws Billing/Staging inside Billing, and a folder folds and opens again', async () => {
    await mountApp([saved('Top'), saved('Orders', 'Billing'), saved('Invoices', 'Billing/Staging')]);
    await expect
      .element(folder('Billing').getByRole('region', { name: 'Billing/Staging' }).getByRole('button', { name: 'Invoices', exact: true }))
      .toBeVisible();
    const toggle = folder('Billing').getByRole('button', { name: 'Billing', exact: true });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
    await toggle.click();
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect.element(item('Orders')).not.toBeInTheDocument();
    await expect.element(item('Invoices')).not.toBeInTheDocument();
    await toggle.click();
    await expect.element(item('Invoices')).toBeVisible();
  });
});

describe('the connection menu', () => {
  it('opens on right-click with every action, and from the keyboard with Shift+F10; Escape gives the keyboard back', async () => {
    await mountApp([saved('Orders', 'Billing')]);
    const menu = await openMenu('Orders');
    await expect
      .element(menu)
      .toHaveTextContent(
        'OpenEdit…RenameDuplicateCopy as cURLCopy as cURL, secrets maskedCopy as fetchMove upMove downMove to folder…Delete…',
      );
    await expect.element(menu.getByRole('menuitem', { name: 'Open' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(menu).not.toBeInTheDocument();

    (item('Orders').element() as HTMLElement).focus();
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    await expect.element(page.getByRole('menu', { name: 'Actions for Orders' })).toBeVisible();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect.element(page.getByRole('menuitem', { name: 'Rename' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(item('Orders')).toHaveFocus();
  });

  it('renames in place, keeping the rest of the connection as it was', async () => {
    await mountApp([saved('Orders', 'Billing', { headers: [{ name: 'X-Key', value: { secret: true, enc: 'c2VjcmV0' } }] })]);
    const menu = await openMenu('Orders');
    await menu.getByRole('menuitem', { name: 'Rename' }).click();
    const input = sidebar().getByRole('textbox', { name: 'New name for Orders' });
    await expect.element(input).toHaveFocus();
    await input.fill('Orders (prod)');
    await userEvent.keyboard('{Enter}');
    await expect.element(item('Orders (prod)')).toBeVisible();
    const [payload] = api.payloadsOf('connections:save');
    expect(payload).toMatchObject({ id: list[0]!.id, connection: { name: 'Orders (prod)', folder: 'Billing' } });
    expect(payload!.connection.headers).toEqual([{ name: 'X-Key', value: { secret: true, enc: 'c2VjcmV0' }, enabled: true }]);
  });

  it('F2 renames too, and Escape leaves the name as it was', async () => {
    await mountApp([saved('Orders')]);
    (item('Orders').element() as HTMLElement).focus();
    await userEvent.keyboard('{F2}');
    await sidebar().getByRole('textbox', { name: 'New name for Orders' }).fill('Other');
    await userEvent.keyboard('{Escape}');
    await expect.element(item('Orders')).toHaveFocus();
    expect(api.payloadsOf('connections:save')).toEqual([]);
  });

  it('duplicates, and deletes after asking', async () => {
    await mountApp([saved('Orders')]);
    await (await openMenu('Orders')).getByRole('menuitem', { name: 'Duplicate' }).click();
    await expect.element(item('Copy')).toBeVisible();
    await (await openMenu('Copy')).getByRole('menuitem', { name: 'Delete…' }).click();
    await page.getByRole('alertdialog', { name: 'Delete connection' }).getByRole('button', { name: 'Delete' }).click();
    await expect.element(item('Copy')).not.toBeInTheDocument();
    expect(api.payloadsOf('connections:delete')).toEqual([{ id: '7d7e4c57-52b4-4ad6-9d4e-999999999999' }]);
  });

  it('copies the request as cURL (secrets as they are, or masked) and says so', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    await mountApp([saved('Orders')]);
    await (await openMenu('Orders')).getByRole('menuitem', { name: 'Copy as cURL', exact: true }).click();
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith("curl -N 'https://x.test/1'"));
    await expect.element(page.getByText('Orders copied as cURL.')).toBeVisible();
    await (await openMenu('Orders')).getByRole('menuitem', { name: 'Copy as cURL, secrets masked' }).click();
    await vi.waitFor(() =>
      expect(api.payloadsOf('connections:copy-as')).toEqual([
        { id: list[0]!.id, format: 'curl', maskSecrets: false },
        { id: list[0]!.id, format: 'curl', maskSecrets: true },
      ]),
    );
  });
});

describe('moving from the keyboard', () => {
  it('Alt+↓ and Alt+↑ move a connection within its folder and keep the keyboard on it', async () => {
    await mountApp([saved('Orders', 'Billing'), saved('Top'), saved('Refunds', 'Billing')]);
    expect(drawnNames()).toEqual(['Top', 'Orders', 'Refunds']);
    (item('Orders').element() as HTMLElement).focus();
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await vi.waitFor(() => expect(drawnNames()).toEqual(['Top', 'Refunds', 'Orders']));
    await expect.element(item('Orders')).toHaveFocus();
    expect(api.payloadsOf('connections:reorder')).toHaveLength(1);
    // The last of its folder goes no further.
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(api.payloadsOf('connections:reorder')).toHaveLength(1);
    await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await vi.waitFor(() => expect(drawnNames()).toEqual(['Top', 'Orders', 'Refunds']));
    await expect.element(item('Orders')).toHaveFocus();
  });

  it('"Move to folder…" takes a typed path, a folder inside another', async () => {
    await mountApp([saved('Orders', 'Billing'), saved('Ticker')]);
    await (await openMenu('Ticker')).getByRole('menuitem', { name: 'Move to folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move Ticker to a folder' });
    await dialog.getByLabelText('Folder').fill(' Billing / Markets ');
    await expect.element(dialog.getByText('Moves it to Billing/Markets.', { exact: false })).toBeVisible();
    await dialog.getByRole('button', { name: 'Move' }).click();
    await expect.element(folder('Billing/Markets').getByRole('button', { name: 'Ticker', exact: true })).toBeVisible();
    expect(api.payloadsOf('connections:save').at(-1)).toMatchObject({ connection: { name: 'Ticker', folder: 'Billing/Markets' } });
  });
});

describe('dragging', () => {
  it('onto a folder moves the connection into it', async () => {
    await mountApp([saved('Orders', 'Billing'), saved('Ticker')]);
    await userEvent.dragAndDrop(item('Ticker'), folder('Billing').getByRole('button', { name: 'Billing', exact: true }));
    await expect.element(folder('Billing').getByRole('button', { name: 'Ticker', exact: true })).toBeVisible();
    expect(api.payloadsOf('connections:save')).toEqual([
      expect.objectContaining({ connection: expect.objectContaining({ folder: 'Billing' }) }),
    ]);
    expect(drawnNames()).toEqual(['Orders', 'Ticker']);
  });

  it('onto another connection puts it just before or after that one', async () => {
    await mountApp([saved('A'), saved('B'), saved('C')]);
    const target = item('A');
    await userEvent.dragAndDrop(item('C'), target, { targetPosition: { x: 20, y: 2 } });
    await vi.waitFor(() => expect(drawnNames()).toEqual(['C', 'A', 'B']));
    await userEvent.dragAndDrop(item('C'), item('B'), { targetPosition: { x: 20, y: 20 } });
    await vi.waitFor(() => expect(drawnNames()).toEqual(['A', 'B', 'C']));
    expect(api.payloadsOf('connections:save')).toEqual([]);
  });
});
