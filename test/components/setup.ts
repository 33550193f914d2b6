// Setup of the browser project: the app's theme (its custom properties and base styles), so that
// components are laid out and coloured as in the app: row tones, hidden elements, sizes.
/// <reference types="vite/client" />
import '../../renderer/src/styles/theme.css';
