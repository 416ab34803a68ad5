// Where the browser for every test lives: Debian's chromium, never a Playwright download
// (this network cannot fetch one). CHROMIUM overrides the path.
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// Flags for a root user on a closed network: without the background-networking ones Chromium
// keeps trying to reach Google's hosts and those refused connections slow every start.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
