import type { MatrixFixtures } from './fixtures';
import { DENY, MATRIX, OK, PASS, PERSONAS, type Persona, type Row } from './matrix';
import { normaliseRoute, servedRoutes } from './served-routes';
import type { TestApp } from '../support/test-app';

/** The first persona the matrix lets through a row (2xx, or a 400/409/422 about the body or the object's state). */
export function passingPersona(row: Row): Persona | undefined {
  const cells = row.cells ?? row.own!;
  const at = (p: Persona) => cells[p] ?? cells._;
  return PERSONAS.find((p) => {
    const e = at(p);
    if (e === DENY) return false;
    if (e === OK || e === PASS) return true;
    const list = Array.isArray(e) ? e : [e];
    return list.some((s: number) => s < 400 || s === 400 || s === 409 || s === 422);
  });
}

export interface WriteRoute {
  /** `METHOD /path/:param`, as served. */
  route: string;
  method: string;
  /** The path with the own fixture's parameters (and the row's query) filled in. */
  path: string;
  row: Row;
  /** The persona the matrix lets through; the committee where it lets nobody through (still sent, and refused). */
  persona: Persona;
  /** The sign-out routes end the caller's session: they need a fresh one (`fx.codes[persona]`). */
  endsSession: boolean;
}

/**
 * Every POST/PUT/PATCH/DELETE the running app serves (Fastify's route tree), with its matrix row: `missing` lists
 * served write routes without a row (a test fails on them). Ordered so that the matrix's `last` rows (writes that
 * change what others read: deletions, withdrawals) run after the rest, and the sign-out routes at the very end.
 */
export function writeRoutes(t: TestApp, fx: MatrixFixtures): { routes: WriteRoute[]; missing: string[] } {
  const served = servedRoutes(t).filter((r) => !r.startsWith('GET '));
  const rows = new Map(MATRIX.map((r) => [normaliseRoute(r.route), r]));
  const missing = served.filter((r) => !rows.has(normaliseRoute(r)));
  const rank = (route: string) => (route.startsWith('POST /api/auth/sign-out') ? 2 : rows.get(normaliseRoute(route))!.last ? 1 : 0);
  const routes = served
    .filter((r) => rows.has(normaliseRoute(r)))
    .sort((a, b) => rank(a) - rank(b))
    .map((route): WriteRoute => {
      const row = rows.get(normaliseRoute(route))!;
      const [method, pattern] = route.split(' ');
      const params = row.fixture ? fx.fixtures.get(row.fixture)!.own : [];
      let i = 0;
      const query = typeof row.query === 'function' ? row.query(fx.ids) : row.query;
      const path = pattern.replace(/:[^/]+/g, () => encodeURIComponent(params[i++])).replace('/*', '/matrix.css') + (query ? `?${query}` : '');
      return { route, method, path, row, persona: passingPersona(row) ?? 'committee', endsSession: route.startsWith('POST /api/auth/sign-out') };
    });
  return { routes, missing };
}
