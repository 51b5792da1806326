#!/usr/bin/env node
// The `voice` command: the bundled CLI built by `npm run build` (npm ci runs it).
// Checked before loading it: on an older Node the language core dies deep inside the parser.
const NEEDED = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < NEEDED) {
    process.stderr.write(`voice needs Node.js ${NEEDED} or newer (this is ${process.version}): install Node ${NEEDED} LTS from nodejs.org, ` +
        `or run it through npm (npm start, npx voice), which uses the Node ${NEEDED} in node_modules/.bin.\n`);
    process.exit(2);
}
require('../out/cli.cjs');
