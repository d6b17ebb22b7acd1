import type { NestExpressApplication } from '@nestjs/platform-express';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RegisteredRoute {
  method: HttpMethod;
  /** Express's pattern, parameters as `:name`: `/api/v1/sessions/:id/start`. */
  path: string;
}

interface RouterLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/**
 * Every route the running application answers, read from Express's router after Nest has mounted
 * everything (global prefix, exclusions, Swagger), so that no route escapes the generated tests.
 * Middleware mounted for every method (Nest's `forRoutes`) is not a route and is left out.
 */
export function registeredRoutes(app: NestExpressApplication): RegisteredRoute[] {
  const stack = (app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } }).router
    .stack;
  return stack.flatMap(({ route }) => {
    if (!route || typeof route.path !== 'string') return [];
    const [method, ...others] = Object.keys(route.methods).filter((name) => name !== '_all');
    if (!method || others.length > 0) return [];
    return [{ method: method.toUpperCase() as HttpMethod, path: route.path }];
  });
}

/** `METHOD /path`, the key the route tables are written in. */
export const routeKey = ({ method, path }: RegisteredRoute) => `${method} ${path}`;
