// npm run settings: write package.json's contributes.configuration from the one settings schema
// (server/src/lsp/settings-schema.ts, built to out/). test/lsp/settings-schema.test.ts fails
// until this has been run after a change to the schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { contributesConfiguration } from '../out/server/src/lsp/settings-schema.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
pkg.contributes.configuration = contributesConfiguration();
writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`package.json: ${Object.keys(pkg.contributes.configuration.properties).length} settings written`);
