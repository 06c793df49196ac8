// Module boundaries for the workspace, checked by `npm run lint` (and as one step of `npm test`):
//   depcruise server/src shared/src miniapp/src --config .dependency-cruiser.cjs
// Paths are relative to the repository root. Type-only imports count (tsPreCompilationDeps): a boundary is about
// which code knows which, not only about what survives compilation. The cycle rule alone ignores them.

/**
 * What another module may use of server/src/modules/B: its providers, Nest module, events, types and index.
 * Every rule that uses this has already narrowed `to` to server/src/modules/, so a suffix pattern suffices.
 */
// `*.client.ts`: an outside system's client a module provides for others (wechat-api.client.ts); `*.decorator.ts`:
// route metadata a module's guard reads (@RateLimit).
const MODULE_PUBLIC_API = ['\\.(?:service|module|events|types|client|decorator)\\.ts$', '^server/src/modules/[^/]+/index\\.ts$'];

/** Database tooling that wires or fills the schema, and so may import any module's entities. */
const DATABASE_TOOLING = ['^server/src/database/seed/', '^server/src/database/entities\\.ts$', '^server/src/database/data-source\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'common-not-to-modules',
      comment:
        'server/src/common is the shared kernel (access, errors, ids, transactions…): every feature module builds on it, ' +
        'so it must not know any of them. Move what common needs from a module into common, or invert the dependency.',
      severity: 'error',
      from: { path: '^server/src/common/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'entity-not-to-migrations',
      comment:
        'Migrations are frozen history: an entity describes the schema as it is now and must not borrow names or ' +
        'constants from a migration (the next migration would change the entity behind its back). Put shared ' +
        'constants in the entity or in common, and let the migration copy them.',
      severity: 'error',
      from: { path: '\\.entity\\.ts$' },
      to: { path: '^server/src/database/migrations/' },
    },
    {
      name: 'migrations-not-to-modules',
      comment:
        'A migration must run the same in a year as today: it may use TypeORM and its own schema kit, never the ' +
        'entities or services of server/src/modules, which keep changing after the migration is written.',
      severity: 'error',
      from: { path: '^server/src/database/migrations/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'modules-through-public-api',
      comment:
        'A feature module talks to another only through its public face: *.service.ts, *.client.ts, *.decorator.ts, *.module.ts, *.events.ts, ' +
        '*.types.ts or its index.ts. Entities, repositories, controllers, DTOs and helpers of module B are B’s ' +
        'internals; ask B’s service for what you need (or export a type from B’s *.types.ts).',
      severity: 'error',
      from: { path: '^server/src/modules/([^/]+)/', pathNot: '\\.entity\\.ts$' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: ['^server/src/modules/$1/', ...MODULE_PUBLIC_API] },
    },
    {
      name: 'entities-through-public-api-or-entities',
      comment:
        'Same boundary for entities, with one exception: an entity may import another module’s entity, because a ' +
        'relation (foreign key) to it is a fact of the schema, not a shortcut around the other module’s service.',
      severity: 'error',
      from: { path: '^server/src/modules/([^/]+)/.+\\.entity\\.ts$' },
      to: {
        path: '^server/src/modules/[^/]+/',
        pathNot: ['^server/src/modules/$1/', '\\.entity\\.ts$', ...MODULE_PUBLIC_API],
      },
    },
    {
      name: 'outside-modules-through-public-api',
      comment:
        'Code outside server/src/modules (app wiring, config, database cli) reaches a module through its public face ' +
        'too. Exempt: the database tooling (seed/, entities.ts, data-source.ts) that registers and fills every ' +
        'module’s entities; common/ and migrations/ have stricter rules of their own above.',
      severity: 'error',
      from: {
        path: '^server/src/',
        pathNot: ['^server/src/modules/', '^server/src/common/', '^server/src/database/migrations/', ...DATABASE_TOOLING],
      },
      to: { path: '^server/src/modules/', pathNot: MODULE_PUBLIC_API },
    },
    {
      name: 'miniapp-not-to-server',
      comment:
        'The mini-program ships to WeChat and the browser: it may use the shared contracts (@nuancheng/shared) and its ' +
        'own npm packages, never server code (it would drag Node-only code into the bundle, or couple to internals).',
      severity: 'error',
      from: { path: '^miniapp/src/' },
      to: { path: ['^server/', '^@nuancheng/server(?:/|$)'] },
    },
    {
      name: 'shared-is-a-leaf',
      comment: 'shared/ holds the contracts both sides depend on; it depends on neither, or the mini-program would pull in ' + 'the server (and the server the mini-program) through it.',
      severity: 'error',
      from: { path: '^shared/src/' },
      to: { path: ['^server/', '^miniapp/', '^@nuancheng/(?:server|miniapp)(?:/|$)'] },
    },
    {
      name: 'no-circular-in-server',
      comment:
        'Import cycles inside the server make load order matter (undefined at import time, Nest forwardRef) and ' +
        'blur which module owns what. Type-only imports do not count: they vanish on compilation. A warning for ' +
        'now: the refactor in progress removes the current cycles.',
      severity: 'warn',
      from: { path: '^server/src/' },
      to: { path: '^server/src/', circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(?:^|/)(?:dist|node_modules|coverage|\\.swc)/' },
    tsPreCompilationDeps: true,
    skipAnalysisNotInRules: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
