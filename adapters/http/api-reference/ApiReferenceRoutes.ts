import { StaticPageFiles } from '../StaticPageFiles.js';
import { StaticPageRoutes } from '../StaticPageRoutes.js';

/** What the page takes from swagger-ui-dist: the viewer's bundle and stylesheet, nothing else. */
const VIEWER_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;

/**
 * `GET /docs/`: `/openapi.json` rendered for people by Swagger UI, whose files come from
 * `viewerFolder` (swagger-ui-dist in node_modules) and the page's own from `pageFolder`,
 * all read at start and served under the same strict policy as the operations console.
 */
export class ApiReferenceRoutes extends StaticPageRoutes {
  constructor(pageFolder: string, viewerFolder: string) {
    super(StaticPageFiles.fromFolder(pageFolder).add(viewerFolder, VIEWER_FILES), {
      prefix: '/docs',
      page: {
        operationId: 'getApiReference',
        summary: 'The API reference (web page rendering this document)',
        description: 'The page reads `/openapi.json` and nothing from another origin.',
      },
      file: { operationId: 'getApiReferenceFile', summary: "A file of the API reference page (the viewer's script and stylesheet)", example: 'apiReference.js' },
    });
  }
}
