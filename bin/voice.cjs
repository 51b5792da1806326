#!/usr/bin/env node
// The `voice` command: the bundled CLI built by `npm run build` (npm ci runs it).
require('../out/cli.cjs');
