// Whether the sidebar is shown, and whether the window is narrow (900 px or less), where the
// sidebar starts hidden and, when shown, lies over the content instead of pushing it aside. In a
// wide window the user's last choice is kept in the page's storage.

import { appStorage } from '../pane-width.ts';

export const NARROW_QUERY = '(max-width: 900px)';
const STORAGE_KEY = 'sse-scope.sidebar-hidden';

export class LayoutState {
  narrow = $state(false);
  sidebarOpen = $state(true);
  #query: MediaQueryList | null = null;
  readonly #onChange = (event: MediaQueryListEvent) => this.#setNarrow(event.matches);

  start(): void {
    this.#query = globalThis.matchMedia?.(NARROW_QUERY) ?? null;
    this.#query?.addEventListener('change', this.#onChange);
    this.#setNarrow(this.#query?.matches ?? false);
  }

  dispose(): void {
    this.#query?.removeEventListener('change', this.#onChange);
    this.#query = null;
  }

  toggleSidebar(): void {
    this.sidebarOpen = !this.sidebarOpen;
    if (!this.narrow) this.#remember();
  }

  /** Hides the sidebar where it lies over the content (a narrow window); a wide one keeps it. */
  closeOverlay(): void {
    if (this.narrow) this.sidebarOpen = false;
  }

  #setNarrow(narrow: boolean): void {
    this.narrow = narrow;
    this.sidebarOpen = narrow ? false : appStorage()?.getItem(STORAGE_KEY) !== 'true';
  }

  #remember(): void {
    try {
      appStorage()?.setItem(STORAGE_KEY, String(!this.sidebarOpen));
    } catch {
      // not kept: the next start shows the sidebar
    }
  }
}
