// Regenerates schema.json from the Zod config schema: `node packages/core/scripts/write-config-schema.mjs` after a build.
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../dist/config/json-schema.js';

writeFileSync(new URL('../schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
