'use strict';
// Preloaded into every benchmarked process (NODE_OPTIONS=--require): at exit it records how long the
// process lived and its peak RSS, measured from inside, so the harness's own spawn cost stays out.
const fs = require('fs');

const out = process.env.BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    fs.writeFileSync(out, JSON.stringify({ seconds: process.uptime(), rssBytes: process.resourceUsage().maxRSS * 1024 }));
  });
}
