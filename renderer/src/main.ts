// The renderer's entry: picks how to reach the main process (Electron preload or browser-mode
// WebSocket), puts the api client in the app's context, and mounts App.
import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './lib/api/index.ts';
import { appContext } from './lib/app-context.ts';
import './styles/theme.css';

const { api, connection } = connectApi();
mount(App, { target: document.getElementById('app')!, context: appContext(api, connection) });
