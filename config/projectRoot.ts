import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${start}`);
    folder = parent;
  }
  return folder;
}

/** The folder holding package.json, whether running from sources or from dist/. */
export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const demoDataFolder = join(projectRoot, 'config', 'demo');
/** The operations console's page, served from the sources: tsc compiles only .ts into dist/. */
export const opsConsoleStaticFolder = join(projectRoot, 'adapters', 'http', 'ops-console', 'static');
/** The API reference page's own files (`GET /docs/`), served from the sources like the console's. */
export const apiReferenceStaticFolder = join(projectRoot, 'adapters', 'http', 'api-reference', 'static');
/** Swagger UI's prebuilt files, wherever npm installed swagger-ui-dist. */
export const swaggerUiFolder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
