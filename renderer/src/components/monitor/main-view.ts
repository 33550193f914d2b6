// What the window's main area shows: the active tab's session, the overview of every live feed
// (the wall screen), or the alerts of every feed.

export type MainView = 'session' | 'overview' | 'alerts';
