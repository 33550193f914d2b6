// The fixture server (fixture-server.ts) as a process of its own: started with fork() (see
// forkFixtureServer), it reports its URL with process.send and exits when the parent disconnects.
// For loads whose measurements must not count the server's own work (many fast feeds at once).

import { startFixtureServer } from './fixture-server.ts';

const server = await startFixtureServer();
process.send?.({ url: server.url });
process.on('disconnect', () => process.exit(0));
