'use strict';
// Preloaded into every Node process a benchmarked command starts (NODE_OPTIONS=--require): at exit
// each records its peak RSS in its own file, so a command of several processes (npm, the cdktf CLI
// and the app, jest and its workers) reports its largest one.
const fs = require('fs');
const path = require('path');

const dir = process.env.BENCH_RSS_DIR;
if (dir) {
  process.on('exit', () => {
    try {
      fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify({ rssBytes: process.resourceUsage().maxRSS * 1024 }));
    } catch {
      // A process in a sandbox of its own (a read-only namespace in a test) is not worth failing for.
    }
  });
}
