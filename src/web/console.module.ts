import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/** True when the web console has been built into `webRoot` (web/dist). */
export function consoleBuilt(webRoot: string | undefined): webRoot is string {
  return !!webRoot && existsSync(join(webRoot, 'index.html'));
}

/**
 * Serves the built web console at `/`: its assets, and index.html for every other path outside
 * `/api` so that deep links (`/admin/users`) open the page. `/api/*` stays with the API, whose
 * unknown paths keep their JSON 404.
 */
@Module({})
export class ConsoleModule {
  static forRoot(webRoot: string | undefined): DynamicModule {
    if (!consoleBuilt(webRoot)) {
      if (webRoot)
        new Logger('Console').warn(
          `the web console is not built (${join(webRoot, 'index.html')} is missing): the API runs without it; build it with "npm run build:web"`,
        );
      return { module: ConsoleModule };
    }
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: webRoot,
          // A missing bundle (an old page after a new build) is a 404, not index.html served as JavaScript.
          exclude: ['/api', '/api/{*path}', '/assets/{*path}'],
          serveStaticOptions: {
            index: false,
            setHeaders: (res: { setHeader(name: string, value: string): void }, path: string) => {
              // Hashed bundles never change; index.html must always be fetched afresh.
              res.setHeader(
                'Cache-Control',
                path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
              );
            },
          },
        }),
      ],
    };
  }
}
