#!/usr/bin/env node
'use strict';
// The sources are TypeScript run through tsx (as `npm start` does): register its CommonJS hook,
// then hand over to the CLI's entry.
// tsx resolves the @soc/* path aliases from a tsconfig: point it at ours, so the command works from
// any directory, not only the repository root.
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || require('node:path').join(__dirname, '..', '..', '..', 'tsconfig.json');
require('tsx/cjs');
require('../src/main.ts');
