// The agreements' delivery (modules/agreements/agreement-deliveries.ts) computed from ledger_entries, for the
// AgreementDeliveries migration's backfill, the bulk writers' rebuild (demo seed, bench city generator), the
// invariant and the tests. Here, not in the module, because a migration imports nothing from the modules; change it
// only together with a new migration.

/** States in which an agreement was in force, so its partner's service in its term counts against it. */
export const DELIVERING_STATUSES = ['in_force', 'ended_early', 'expired'] as const;

/** Runs one statement and answers its rows (a TypeORM manager's or query runner's `query`, a mysql2 wrapper). */
export type RunQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface DeliveryRowOfAgreement {
  agreementId: string;
  category: string;
  services: number;
  minutes: number;
  valueYuan: number;
}

/** What a window's entries delivered in one category. */
export interface DeliverySums {
  services: number;
  minutes: number;
  valueYuan: number;
}

/**
 * One pass over a street's entries for several windows at once (the ledger's live read and the backfill below
 * share it): the entries in `span` grouped by (category, unit, branch, organisation, community), each window's
 * count and sums in its own columns c/s/m/v<i>, read from the street's covering index. `orgIds`, when given, keeps
 * only entries credited to one of those organisations (the live read passes the targets' subtrees).
 */
export function deliveryPassStatement(streetId: string, windows: Array<[unknown, unknown]>, span: [unknown, unknown], orgIds?: string[]): { sql: string; params: unknown[] } {
  const columns: string[] = [];
  const params: unknown[] = [];
  const inWindow = '`e`.`occurredAt` >= ? AND `e`.`occurredAt` < ?';
  windows.forEach((window, i) => {
    columns.push(
      `SUM(CASE WHEN ${inWindow} THEN 1 ELSE 0 END) AS \`c${i}\``,
      `SUM(CASE WHEN ${inWindow} THEN (CASE WHEN \`e\`.\`correctsEntryId\` IS NULL THEN 1 ELSE -1 END) ELSE 0 END) AS \`s${i}\``,
      `SUM(CASE WHEN ${inWindow} THEN \`e\`.\`serviceMinutes\` ELSE 0 END) AS \`m${i}\``,
      `SUM(CASE WHEN ${inWindow} THEN \`e\`.\`valueYuan\` ELSE 0 END) AS \`v${i}\``,
    );
    params.push(...window, ...window, ...window, ...window);
  });
  const ids = orgIds?.map(() => '?').join(', ');
  return {
    sql:
      'SELECT `e`.`category` AS `category`, `e`.`unitId` AS `unitId`, `e`.`branchId` AS `branchId`, `e`.`organisationId` AS `organisationId`, `e`.`communityId` AS `communityId`, ' +
      `${columns.join(', ')} FROM \`ledger_entries\` \`e\` WHERE \`e\`.\`streetId\` = ? AND \`e\`.\`occurredAt\` >= ? AND \`e\`.\`occurredAt\` < ? AND \`e\`.\`category\` IS NOT NULL ` +
      (orgIds ? `AND (\`e\`.\`unitId\` IN (${ids}) OR \`e\`.\`branchId\` IN (${ids}) OR \`e\`.\`organisationId\` IN (${ids})) ` : '') +
      'GROUP BY `e`.`category`, `e`.`unitId`, `e`.`branchId`, `e`.`organisationId`, `e`.`communityId`',
    params: [...params, streetId, ...span, ...(orgIds ? [...orgIds, ...orgIds, ...orgIds] : [])],
  };
}

/**
 * Window `i` of a pass, summed by category for one partner: a group counts when its community matches (if the
 * target names one) and its unit, branch or organisation lies in the partner's subtree at `path` (once, however
 * many of the three do). `paths` maps organisation ids to their paths.
 */
export function deliveryOfWindow(groups: Array<Record<string, unknown>>, i: number, target: { communityId: string | null; path: string }, paths: Map<string, string>): Map<string, DeliverySums> {
  const sums = new Map<string, DeliverySums>();
  for (const g of groups) {
    if (!Number(g[`c${i}`])) continue;
    if (target.communityId && g.communityId !== target.communityId) continue;
    if (![g.unitId, g.branchId, g.organisationId].some((id) => id && paths.get(id as string)?.startsWith(target.path))) continue;
    const category = String(g.category);
    const row = sums.get(category) ?? { services: 0, minutes: 0, valueYuan: 0 };
    row.services += Number(g[`s${i}`]);
    row.minutes += Number(g[`m${i}`]);
    row.valueYuan += Number(g[`v${i}`]);
    sums.set(category, row);
  }
  return sums;
}

/**
 * Delivery per (agreement, category) from the entries, as LedgerRepository.delivery counts it: an entry counts for
 * an agreement in force, ended early or expired when it is in the agreement's street (and community, if set), has
 * a category, occurred in [the term's first Beijing midnight, the midnight after its last day, or endedAt when it
 * ended early before that), and its unit, branch or organisation lies in the partner's subtree (once, however many
 * of the three do); a correction counts −1 service with its negated minutes and value.
 *
 * Computed the way the ledger does: one grouped statement per street over its covering index (entries grouped by
 * category, unit, branch, organisation and community, each agreement's window summed in its own columns), the
 * subtree and community tests then made per group. (One join of agreements × entries with the subtree test per
 * pair took over five minutes at city scale.) occurredAt and endedAt are stored in UTC on both databases; the
 * windows' bounds are formatted by the database itself, so they compare as stored.
 */
export async function agreementDeliveriesFromEntries(run: RunQuery, dialect: 'sqlite' | 'mysql', agreementIds?: string[]): Promise<DeliveryRowOfAgreement[]> {
  const text = (expr: string) => (dialect === 'sqlite' ? `strftime('%Y-%m-%d %H:%M:%f', ${expr})` : `DATE_FORMAT(${expr}, '%Y-%m-%d %H:%i:%s.%f')`);
  const from = dialect === 'sqlite' ? "strftime('%Y-%m-%d %H:%M:%f', `a`.`startDate`, '-8 hours')" : text('DATE_SUB(CAST(`a`.`startDate` AS DATETIME(3)), INTERVAL 8 HOUR)');
  const end = dialect === 'sqlite' ? "strftime('%Y-%m-%d %H:%M:%f', `a`.`endDate`, '+16 hours')" : 'DATE_ADD(CAST(`a`.`endDate` AS DATETIME(3)), INTERVAL 16 HOUR)';
  const to = `(CASE WHEN \`a\`.\`status\` = 'ended_early' AND \`a\`.\`endedAt\` IS NOT NULL AND \`a\`.\`endedAt\` < ${end} THEN ${text('`a`.`endedAt`')} ELSE ${dialect === 'sqlite' ? end : text(end)} END)`;
  const only = agreementIds ? (agreementIds.length ? ` AND \`a\`.\`id\` IN (${agreementIds.map(() => '?').join(', ')})` : ' AND 1 = 0') : '';
  const agreements = (await run(
    `SELECT \`a\`.\`id\` AS \`id\`, \`a\`.\`streetId\` AS \`streetId\`, \`a\`.\`communityId\` AS \`communityId\`, \`p\`.\`path\` AS \`path\`, ${from} AS \`fromAt\`, ${to} AS \`toAt\` ` +
      `FROM \`agreements\` \`a\` JOIN \`organisations\` \`p\` ON \`p\`.\`id\` = \`a\`.\`organisationId\` WHERE \`a\`.\`status\` IN (${DELIVERING_STATUSES.map((s) => `'${s}'`).join(', ')})${only} ORDER BY \`a\`.\`id\``,
    agreementIds ?? [],
  )) as Array<{ id: string; streetId: string; communityId: string | null; path: string; fromAt: string; toAt: string }>;
  if (!agreements.length) return [];
  const paths = new Map(((await run('SELECT `id`, `path` FROM `organisations`')) as Array<{ id: string; path: string }>).map((o) => [o.id, o.path]));
  const byStreet = new Map<string, typeof agreements>();
  for (const a of agreements) byStreet.set(a.streetId, [...(byStreet.get(a.streetId) ?? []), a]);
  const result: DeliveryRowOfAgreement[] = [];
  for (const [streetId, list] of byStreet) {
    const span: [string, string] = [list.reduce((m, a) => (a.fromAt < m ? a.fromAt : m), list[0].fromAt), list.reduce((m, a) => (a.toAt > m ? a.toAt : m), list[0].toAt)];
    const pass = deliveryPassStatement(
      streetId,
      list.map((a) => [a.fromAt, a.toAt]),
      span,
    );
    const groups = await run(pass.sql, pass.params);
    list.forEach((a, i) => {
      for (const [category, sums] of deliveryOfWindow(groups, i, a, paths)) result.push({ agreementId: a.id, category, ...sums });
    });
  }
  return result;
}

/** Fills agreement_deliveries from the entries (empty table assumed). */
export async function backfillAgreementDeliveries(run: RunQuery, dialect: 'sqlite' | 'mysql'): Promise<void> {
  const rows = await agreementDeliveriesFromEntries(run, dialect);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await run(
      `INSERT INTO \`agreement_deliveries\` (\`agreementId\`, \`category\`, \`services\`, \`minutes\`, \`valueYuan\`) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((r) => [r.agreementId, r.category, r.services, r.minutes, r.valueYuan]),
    );
  }
}
