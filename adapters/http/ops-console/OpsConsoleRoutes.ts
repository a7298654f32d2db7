import { StaticPageFiles } from '../StaticPageFiles.js';
import { StaticPageRoutes } from '../StaticPageRoutes.js';

/**
 * `GET /ops/`: the operations console (SPEC 8.1), plain ES modules from `folder`. Nothing
 * is built or fetched at run time; the page talks to `/ops/api/...` with its `Acstkn` header.
 */
export class OpsConsoleRoutes extends StaticPageRoutes {
  constructor(folder: string) {
    super(StaticPageFiles.fromFolder(folder), {
      prefix: '/ops',
      page: {
        operationId: 'getOpsConsole',
        summary: 'The operations console (web page)',
        description: 'Operators sign in with an `Acstkn` token holding `ops:read` (view) or `ops:write` (retry); the page calls `/ops/api/...` with it.',
      },
      file: { operationId: 'getOpsConsoleFile', summary: "A file of the operations console's page (scripts, styles)", example: 'main.js' },
    });
  }
}
