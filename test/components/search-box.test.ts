// The search box ("Search events") over a session's records: it searches once typing pauses (not
// on every key), shows "k of N" and steps through matches, and says inline what is wrong with a
// bad regex. The records are searched by the real query parser and matcher behind a fake api.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import SearchBar from '../../renderer/src/components/session/SearchBar.svelte';
import { SEARCH_DEBOUNCE_MS, SearchState } from '../../renderer/src/lib/search/search-state.svelte.ts';
import { fakeApi, type FakeApi } from './support/fake-api.ts';
import { eventRecord } from './support/records.ts';

const RECORDS = [
  eventRecord(1, 'tick', '{"n": 1}'),
  eventRecord(2, 'price', '{"symbol": "ACME", "price": 12.5}'),
  eventRecord(3, 'tick', '{"n": 2}'),
  eventRecord(4, 'price', '{"symbol": "INIT", "price": 3}'),
  eventRecord(5, 'tick', '{"n": 3}'),
];

async function mountSearch(api: FakeApi = fakeApi(RECORDS)) {
  const search = new SearchState(api, 's1', { lastSeq: () => RECORDS.length, onResults: () => {}, onLoaded: () => {} });
  await render(SearchBar, {
    search,
    matchesOnly: false,
    idPrefix: 'test',
    onmatchesonly: () => {},
    onstep: (step: 1 | -1) => void search.step(step),
  });
  return { api, search, box: page.getByRole('searchbox', { name: 'Search events' }) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('The search box', () => {
  it('searches once typing pauses, not on every key', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { api, box } = await mountSearch();
    await box.click();
    await userEvent.keyboard('tick');
    await expect.element(box).toHaveValue('tick');
    expect(api.payloadsOf('records:search')).toEqual([]);

    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(api.payloadsOf('records:search')).toEqual([]);
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    await expect.element(page.getByText('1 of 3')).toBeVisible();
    expect(api.payloadsOf('records:search').map((p) => p.query)).toEqual(['tick']);
  });

  it('shows "k of N" and steps through the matches with Enter and Shift+Enter', async () => {
    const { box } = await mountSearch();
    await box.fill('price');
    await expect.element(page.getByText('1 of 2')).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByText('2 of 2')).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByText('1 of 2')).toBeVisible();
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await expect.element(page.getByText('2 of 2')).toBeVisible();
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect.element(page.getByText('1 of 2')).toBeVisible();
  });

  it('finds with a regex and with type:, and says when nothing matches', async () => {
    const { box } = await mountSearch();
    await box.fill('/"price": \\d+\\.\\d/');
    await expect.element(page.getByText('1 of 1')).toBeVisible();
    await box.fill('type:tick');
    await expect.element(page.getByText('1 of 3')).toBeVisible();
    await box.fill('type:tick ACME');
    await expect.element(page.getByText('No matches')).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Next match' })).toBeDisabled();
  });

  it('reports a bad regex inline, on the box, and recovers when it is fixed', async () => {
    const { box } = await mountSearch();
    await box.fill('/tick(/');
    const alert = page.getByRole('alert');
    await expect.element(alert).toBeVisible();
    await expect.element(alert).toHaveTextContent(/regex|regular expression/i);
    await expect.element(box).toHaveAttribute('aria-invalid', 'true');
    await expect.element(box).toHaveAccessibleDescription(/regex|regular expression/i);
    expect(page.getByText(/ of \d/).query()).toBeNull();

    await box.fill('/tick\\(/');
    await expect.element(page.getByText('No matches')).toBeVisible();
    await expect.element(box).toHaveAttribute('aria-invalid', 'false');
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
  });

  it('Escape empties the box and forgets the results', async () => {
    const { box, search } = await mountSearch();
    await box.fill('tick');
    await expect.element(page.getByText('1 of 3')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(box).toHaveValue('');
    await vi.waitFor(() => expect(search.total).toBe(0));
    await expect.element(page.getByText(/ of \d/)).not.toBeInTheDocument();
  });
});
