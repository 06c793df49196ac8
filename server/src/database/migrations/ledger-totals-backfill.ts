// The ledger's rollups (modules/ledger/ledger-totals.ts) computed from ledger_entries, for the migrations' backfills
// and the ledger's rebuild after a bulk insert (demo seed, bench city generator). Here, not in the module, because a
// migration imports nothing from the modules; change the current definition only together with a new migration,
// and keep each earlier definition as its migration ran it.

type Dialect = 'sqlite' | 'mysql';

function sqlOf(dialect: Dialect) {
  const local = dialect === 'sqlite' ? null : 'DATE_ADD(`occurredAt`, INTERVAL 8 HOUR)';
  const month = dialect === 'sqlite' ? "strftime('%Y-%m', `occurredAt`, '+8 hours')" : `DATE_FORMAT(${local}, '%Y-%m')`;
  const year = dialect === 'sqlite' ? "strftime('%Y', `occurredAt`, '+8 hours')" : `CAST(YEAR(${local}) AS CHAR)`;
  const half =
    dialect === 'sqlite'
      ? `${year} || 'H' || (CASE WHEN CAST(strftime('%m', \`occurredAt\`, '+8 hours') AS INTEGER) <= 6 THEN '1' ELSE '2' END)`
      : `CONCAT(YEAR(${local}), 'H', CASE WHEN MONTH(${local}) <= 6 THEN '1' ELSE '2' END)`;
  const net = 'SUM(CASE WHEN `correctsEntryId` IS NULL THEN 1 ELSE -1 END)';
  // Each street with each region above it (paths are '/city/district/street/'): a few (street, region) pairs,
  // joined by equality to the street rows (fewer than the entries).
  const concat = dialect === 'sqlite' ? "`a`.`path` || '%'" : "CONCAT(`a`.`path`, '%')";
  const pairs = `SELECT \`s\`.\`id\` AS \`streetId\`, \`a\`.\`id\` AS \`regionId\` FROM \`regions\` \`s\` JOIN \`regions\` \`a\` ON \`s\`.\`path\` LIKE ${concat} AND \`a\`.\`id\` <> \`s\`.\`id\``;
  // 1764790000000's pairs took any region as `s` (its backfill's table held only street rows then); the current
  // ones take streets only, so the invariant check can sum the kept street rows while region rows are there too.
  return { month, year, half, net, above1764790000000: pairs, above: `${pairs} WHERE \`s\`.\`level\` = 'street'` };
}

/**
 * One statement of a definition: rows of `table` computed by `SELECT <columns> <rest>`, each expression named as
 * its column (keys first), so the rows can be inserted or compared with the kept ones.
 */
export interface RollupStatement {
  table: string;
  keys: string[];
  sums: string[];
  select: string;
}

function statement(table: string, keys: string[], sums: string[], columns: string[], rest: string): RollupStatement {
  const names = [...keys, ...sums];
  return { table, keys, sums, select: `SELECT ${columns.map((c, i) => `${c} AS \`${names[i]}\``).join(', ')} ${rest}` };
}

const insertOf = (s: RollupStatement) => `INSERT INTO \`${s.table}\` (${[...s.keys, ...s.sums].map((c) => `\`${c}\``).join(', ')}) ${s.select}`;

function memberPeriods(dialect: Dialect, frozen = false): RollupStatement[] {
  const { year, half, net, above: current, above1764790000000 } = sqlOf(dialect);
  const above = frozen ? above1764790000000 : current;
  const keys = ['period', 'regionId', 'memberId'];
  const sums = ['minutes', 'services'];
  const perPeriod = (period: string) =>
    statement(
      'ledger_member_periods',
      keys,
      sums,
      [period, "COALESCE(`streetId`, '')", '`memberId`', 'SUM(`serviceMinutes`)', net],
      `FROM \`ledger_entries\` WHERE \`memberId\` IS NOT NULL GROUP BY ${period}, COALESCE(\`streetId\`, ''), \`memberId\``,
    );
  // Then the street rows summed into each region above the street.
  const upwards = statement(
    'ledger_member_periods',
    keys,
    sums,
    ['`t`.`period`', '`p`.`regionId`', '`t`.`memberId`', 'SUM(`t`.`minutes`)', 'SUM(`t`.`services`)'],
    `FROM \`ledger_member_periods\` \`t\` JOIN (${above}) \`p\` ON \`p\`.\`streetId\` = \`t\`.\`regionId\` GROUP BY \`t\`.\`period\`, \`p\`.\`regionId\`, \`t\`.\`memberId\``,
  );
  return [perPeriod(year), perPeriod(half), upwards];
}

function unitMonths(dialect: Dialect): RollupStatement[] {
  const { month, net, above } = sqlOf(dialect);
  const keys = ['regionId', 'month', 'unitId'];
  const sums = ['minutes', 'services', 'entries'];
  return [
    statement(
      'ledger_unit_months',
      keys,
      sums,
      ["COALESCE(`streetId`, '')", month, "COALESCE(`unitId`, '')", 'SUM(`serviceMinutes`)', net, 'COUNT(*)'],
      `FROM \`ledger_entries\` GROUP BY COALESCE(\`streetId\`, ''), ${month}, COALESCE(\`unitId\`, '')`,
    ),
    // Then the street rows summed into each region above the street.
    statement(
      'ledger_unit_months',
      keys,
      sums,
      ['`p`.`regionId`', '`t`.`month`', '`t`.`unitId`', 'SUM(`t`.`minutes`)', 'SUM(`t`.`services`)', 'SUM(`t`.`entries`)'],
      `FROM \`ledger_unit_months\` \`t\` JOIN (${above}) \`p\` ON \`p\`.\`streetId\` = \`t\`.\`regionId\` GROUP BY \`p\`.\`regionId\`, \`t\`.\`month\`, \`t\`.\`unitId\``,
    ),
  ];
}

/**
 * The current definition, statement by statement, in order (each region's rows sum the street rows before them):
 * what the invariant check compares the kept rows with.
 */
export function LEDGER_TOTALS_DEFINITION(dialect: Dialect): RollupStatement[] {
  return [...unitMonths(dialect), ...memberPeriods(dialect)];
}

/**
 * ledger_unit_months as migration 1764810000000 (LedgerUnitRegions) defines it (empty table assumed): per region
 * (the entry's street, '' without one, and each region above the street), Beijing month and unit.
 */
export function LEDGER_UNIT_MONTHS_BACKFILL(dialect: Dialect): string[] {
  return unitMonths(dialect).map(insertOf);
}

/**
 * The rollups computed from ledger_entries (empty tables assumed), the current definition: the bulk writers'
 * rebuild, and what the tests compare the maintained rows with. occurredAt is stored in UTC on both databases.
 */
export function LEDGER_TOTALS_BACKFILL(dialect: Dialect): string[] {
  return LEDGER_TOTALS_DEFINITION(dialect).map(insertOf);
}

/**
 * The definition migration 1764790000000 (LedgerTotals) ran, kept as it ran: ledger_unit_months keyed by street
 * only (its `streetId` column). Only that migration (and its undoing in 1764810000000) uses it.
 */
export function LEDGER_TOTALS_BACKFILL_1764790000000(dialect: Dialect): string[] {
  return [...LEDGER_UNIT_MONTHS_BACKFILL_1764790000000(dialect), ...memberPeriods(dialect, true).map(insertOf)];
}

/** ledger_unit_months by street, as 1764790000000 filled it (also LedgerUnitRegions' down). */
export function LEDGER_UNIT_MONTHS_BACKFILL_1764790000000(dialect: Dialect): string[] {
  const { month, net } = sqlOf(dialect);
  return [
    'INSERT INTO `ledger_unit_months` (`streetId`, `month`, `unitId`, `minutes`, `services`, `entries`) ' +
      `SELECT COALESCE(\`streetId\`, ''), ${month}, COALESCE(\`unitId\`, ''), SUM(\`serviceMinutes\`), ${net}, COUNT(*) FROM \`ledger_entries\` ` +
      `GROUP BY COALESCE(\`streetId\`, ''), ${month}, COALESCE(\`unitId\`, '')`,
  ];
}
