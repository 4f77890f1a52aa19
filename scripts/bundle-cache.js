'use strict';
/*
 * The key of the cached app bundle: a hash of the contents of every file it is built from (and of
 * the Node version). Contents, not sizes and modification times: a same-size edit with an old mtime
 * (cp -p, rsync -a, tar) must rebuild too.
 */
const { createHash, randomBytes } = require('crypto');
const fs = require('fs');
const path = require('path');

/** What the bundle is made of (and how it is built); node_modules/.package-lock.json changes on every npm install. */
const INPUTS = ['main.ts', 'lib', 'scripts/cdktf-app.js', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'];

function contentKey(root, inputs = INPUTS) {
  const hash = createHash('sha256').update(`${process.version}\n${process.arch}\n`);
  const visit = (file) => {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file).sort()) visit(path.join(file, name));
    } else if (/\.(ts|js|json)$/.test(file)) {
      hash
        .update(`${path.relative(root, file)}\n`)
        .update(fs.readFileSync(file))
        .update('\n');
    }
  };
  for (const input of inputs) {
    if (fs.existsSync(path.join(root, input))) visit(path.join(root, input));
  }
  return hash.digest('hex').slice(0, 20);
}

/** Writes through a temporary file and a rename, so a concurrent reader sees the old file or the new one, never half. */
function writeAtomically(file, data) {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

module.exports = { contentKey, writeAtomically };
