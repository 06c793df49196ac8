import type { TestApp } from '../support/test-app';

/** `GET /a/:x/b` → `GET /a/:/b`: Fastify names a shared parameter `:id|:organisationId`; names are not compared. */
export const normaliseRoute = (route: string) => route.replace(/:[^/]+/g, ':');

/** The routes the running app serves, `METHOD /path/:param`, read from Fastify's route tree (HEAD, Fastify's twin of every GET, left out). */
export function servedRoutes(t: TestApp): string[] {
  const tree: string = t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│├└─\s]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    stack[depth] = match[2].replace(/:([^/|]+)\|:[^/]+/g, ':$1');
    const path = stack.join('');
    for (const method of match[3].split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}
