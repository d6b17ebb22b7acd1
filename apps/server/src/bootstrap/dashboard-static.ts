import type { ServeStaticModuleOptions } from '@nestjs/serve-static';
import type { RequestHandler, Response } from 'express';
import { basename, sep } from 'node:path';

/** Vite names what it builds into assets/ by content hash: a changed file is a new name. */
const HASHED_ASSETS = `${sep}assets${sep}`;

/**
 * The built dashboard. Hashed assets may be kept for a year (a release renames them); index.html,
 * which names the current ones, is revalidated at every load, so a release reaches every screen at
 * its next load.
 */
export function dashboardStaticOptions(rootPath: string): ServeStaticModuleOptions {
  return {
    rootPath,
    exclude: ['/api/{*path}', '/metrics', '/metrics/{*path}', '/socket.io/{*path}'],
    serveStaticOptions: {
      setHeaders: (response: Response, path: string) => {
        response.setHeader(
          'Cache-Control',
          path.includes(HASHED_ASSETS)
            ? 'public, max-age=31536000, immutable'
            : basename(path) === 'index.html'
              ? 'no-cache'
              : 'public, max-age=0',
        );
      },
    },
  };
}

/**
 * Source maps hand anyone the dashboard's whole source, comments included: whatever a build left
 * in the dashboard's folder, no `.map` is served.
 */
export const refuseSourceMaps: RequestHandler = (request, response, next) => {
  if (request.path.endsWith('.map')) {
    response.sendStatus(404);
    return;
  }
  next();
};
