import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigurationReference } from '../config/configurationReference.js';
import { projectRoot } from '../config/projectRoot.js';

/** `npm run docs`: regenerates docs/configuration.md from the config schema (a test fails while it is stale). */
const target = join(projectRoot, 'docs', 'configuration.md');
writeFileSync(target, renderConfigurationReference());
console.log(`wrote ${target}`);
