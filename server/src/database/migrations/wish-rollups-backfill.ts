// The wishes' rollups (modules/wishes/wish-rollups.ts) computed from the wishes, for the WishRollups migration's
// backfill, the rebuild after a bulk insert (demo seed, bench city generator), the invariant (database/invariants.ts)
// and the tests. Here, not in the module, because a migration imports nothing from the modules; change it only
// together with a new migration.

/** One rollup table: its key and sum columns, and the SELECT that computes its rows from `wishes`. */
export interface WishRollupDefinition {
  table: 'wish_state_months' | 'wish_event_months';
  keys: string[];
  sums: string[];
  select: string;
}

/** The rollups' rows as GROUP BYs over `wishes` (datetimes are stored in UTC on both databases; months are Beijing's). */
export function WISH_ROLLUPS_DEFINITION(dialect: 'sqlite' | 'mysql'): WishRollupDefinition[] {
  const month = (column: string) => (dialect === 'sqlite' ? `strftime('%Y-%m', ${column}, '+8 hours')` : `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '%Y-%m')`);
  return [
    {
      table: 'wish_state_months',
      keys: ['streetId', 'status', 'month'],
      sums: ['wishes'],
      select: `SELECT \`streetId\`, \`status\`, ${month('`createdAt`')}, COUNT(*) FROM \`wishes\` GROUP BY \`streetId\`, \`status\`, ${month('`createdAt`')}`,
    },
    {
      table: 'wish_event_months',
      keys: ['streetId', 'month'],
      sums: ['posted', 'fulfilled'],
      select:
        'SELECT `e`.`streetId`, `e`.`month`, SUM(`e`.`posted`), SUM(`e`.`fulfilled`) FROM (' +
        `SELECT \`streetId\`, ${month('`publishedAt`')} AS \`month\`, 1 AS \`posted\`, 0 AS \`fulfilled\` FROM \`wishes\` WHERE \`publishedAt\` IS NOT NULL ` +
        `UNION ALL SELECT \`streetId\`, ${month('`fulfilledAt`')}, 0, 1 FROM \`wishes\` WHERE \`fulfilledAt\` IS NOT NULL` +
        ') `e` GROUP BY `e`.`streetId`, `e`.`month`',
    },
  ];
}

/** The statements that fill the rollups from `wishes` (empty tables assumed). */
export function WISH_ROLLUPS_BACKFILL(dialect: 'sqlite' | 'mysql'): string[] {
  return WISH_ROLLUPS_DEFINITION(dialect).map((d) => `INSERT INTO \`${d.table}\` (${[...d.keys, ...d.sums].map((c) => `\`${c}\``).join(', ')}) ${d.select}`);
}
