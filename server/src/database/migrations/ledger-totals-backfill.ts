// The ledger's rollups (modules/ledger/ledger-totals.ts) computed from ledger_entries, for the LedgerTotals
// migration's backfill and the ledger's rebuild after a bulk insert (demo seed, bench city generator). Here, not in
// the module, because a migration imports nothing from the modules; change it only together with a new migration.

/**
 * The rollups computed from ledger_entries (empty tables assumed): the migration's backfill, the bulk writers'
 * rebuild, and what the tests compare the maintained rows with. occurredAt is stored in UTC on both databases.
 */
export function LEDGER_TOTALS_BACKFILL(dialect: 'sqlite' | 'mysql'): string[] {
  const local = dialect === 'sqlite' ? null : 'DATE_ADD(`occurredAt`, INTERVAL 8 HOUR)';
  const month = dialect === 'sqlite' ? "strftime('%Y-%m', `occurredAt`, '+8 hours')" : `DATE_FORMAT(${local}, '%Y-%m')`;
  const year = dialect === 'sqlite' ? "strftime('%Y', `occurredAt`, '+8 hours')" : `CAST(YEAR(${local}) AS CHAR)`;
  const half =
    dialect === 'sqlite'
      ? `${year} || 'H' || (CASE WHEN CAST(strftime('%m', \`occurredAt\`, '+8 hours') AS INTEGER) <= 6 THEN '1' ELSE '2' END)`
      : `CONCAT(YEAR(${local}), 'H', CASE WHEN MONTH(${local}) <= 6 THEN '1' ELSE '2' END)`;
  const net = 'SUM(CASE WHEN `correctsEntryId` IS NULL THEN 1 ELSE -1 END)';
  const perPeriod = (period: string) =>
    'INSERT INTO `ledger_member_periods` (`period`, `regionId`, `memberId`, `minutes`, `services`) ' +
    `SELECT ${period}, COALESCE(\`streetId\`, ''), \`memberId\`, SUM(\`serviceMinutes\`), ${net} FROM \`ledger_entries\` WHERE \`memberId\` IS NOT NULL ` +
    `GROUP BY ${period}, COALESCE(\`streetId\`, ''), \`memberId\``;
  // Then the street rows summed into each region above the street (paths are '/city/district/street/'): a few
  // (street, region) pairs joined by equality, over the street rows (fewer than the entries).
  const concat = dialect === 'sqlite' ? "`a`.`path` || '%'" : "CONCAT(`a`.`path`, '%')";
  const above = `SELECT \`s\`.\`id\` AS \`streetId\`, \`a\`.\`id\` AS \`regionId\` FROM \`regions\` \`s\` JOIN \`regions\` \`a\` ON \`s\`.\`path\` LIKE ${concat} AND \`a\`.\`id\` <> \`s\`.\`id\``;
  const upwards =
    'INSERT INTO `ledger_member_periods` (`period`, `regionId`, `memberId`, `minutes`, `services`) ' +
    'SELECT `t`.`period`, `p`.`regionId`, `t`.`memberId`, SUM(`t`.`minutes`), SUM(`t`.`services`) FROM `ledger_member_periods` `t` ' +
    `JOIN (${above}) \`p\` ON \`p\`.\`streetId\` = \`t\`.\`regionId\` GROUP BY \`t\`.\`period\`, \`p\`.\`regionId\`, \`t\`.\`memberId\``;
  return [
    'INSERT INTO `ledger_unit_months` (`streetId`, `month`, `unitId`, `minutes`, `services`, `entries`) ' +
      `SELECT COALESCE(\`streetId\`, ''), ${month}, COALESCE(\`unitId\`, ''), SUM(\`serviceMinutes\`), ${net}, COUNT(*) FROM \`ledger_entries\` ` +
      `GROUP BY COALESCE(\`streetId\`, ''), ${month}, COALESCE(\`unitId\`, '')`,
    perPeriod(year),
    perPeriod(half),
    upwards,
  ];
}
