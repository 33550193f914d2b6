// The colour theme the user chose in Settings (system, light or dark), applied to the page: the
// <html> element's data-theme fixes the CSS color-scheme (theme.css), "system" leaves it to the
// OS. Loaded at start and followed on every 'settings:changed' push; the last choice is kept in
// the page's storage so a reload starts in it before the settings arrive.

import type { ApiClient } from '../api/index.ts';
import type { Settings } from '../../../../main/contract.ts';
import { appStorage } from '../pane-width.ts';

export type Theme = Settings['theme'];

const STORAGE_KEY = 'sse-scope.theme';
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** Sets (or, for "system", removes) the theme on the root element. */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export class ThemeState {
  theme = $state<Theme>('system');
  readonly #api: ApiClient;
  readonly #root: HTMLElement;
  #unsubscribe: (() => void) | null = null;

  constructor(api: ApiClient, root: HTMLElement = document.documentElement) {
    this.#api = api;
    this.#root = root;
  }

  start(): void {
    const stored = appStorage()?.getItem(STORAGE_KEY);
    if (stored && (THEMES as string[]).includes(stored)) this.#apply(stored as Theme);
    this.#unsubscribe = this.#api.on('settings:changed', (settings) => this.#apply(settings.theme));
    this.#api.call('settings:get').then(
      (settings) => this.#apply(settings.theme),
      () => {}, // the stored (or the system's) theme stays
    );
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #apply(theme: Theme): void {
    this.theme = theme;
    applyTheme(this.#root, theme);
    try {
      appStorage()?.setItem(STORAGE_KEY, theme);
    } catch {
      // storage full or refused: the next start waits for the settings instead
    }
  }
}
