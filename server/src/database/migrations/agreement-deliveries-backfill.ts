// The agreements' delivery (modules/agreements/agreement-deliveries.ts) computed from ledger_entries, for the
// AgreementDeliveries migration's backfill, the bulk writers' rebuild (demo seed, bench city generator), the
// invariant and the tests. Here, not in the module, because a migration imports nothing from the modules; change it
// only together with a new migration.

/** States in which an agreement was in force, so its partner's service in its term counts against it. */
export const DELIVERING_STATUSES = ['in_force', 'ended_early', 'expired'] as const;

/**
 * Delivery per (agreement, category) from the entries, as LedgerRepository.delivery counts it: an entry counts for
 * an agreement in force, ended early or expired when it is in the agreement's street (and community, if set), has
 * a category, occurred in [the term's first Beijing midnight, the midnight after its last day, or endedAt when it
 * ended early before that), and its unit, branch or organisation lies in the partner's subtree (once, however many
 * of the three do); a correction counts −1 service with its negated minutes and value. occurredAt and endedAt are
 * stored in UTC on both databases. `agreementId`: only that agreement's rows (parameter ?).
 */
export function AGREEMENT_DELIVERIES_SELECT(dialect: 'sqlite' | 'mysql', oneAgreement = false): string {
  const from = dialect === 'sqlite' ? "strftime('%Y-%m-%d %H:%M:%f', `a`.`startDate`, '-8 hours')" : 'DATE_SUB(CAST(`a`.`startDate` AS DATETIME(3)), INTERVAL 8 HOUR)';
  const end = dialect === 'sqlite' ? "strftime('%Y-%m-%d %H:%M:%f', `a`.`endDate`, '+16 hours')" : 'DATE_ADD(CAST(`a`.`endDate` AS DATETIME(3)), INTERVAL 16 HOUR)';
  const to = `(CASE WHEN \`a\`.\`status\` = 'ended_early' AND \`a\`.\`endedAt\` IS NOT NULL AND \`a\`.\`endedAt\` < ${end} THEN \`a\`.\`endedAt\` ELSE ${end} END)`;
  const within = dialect === 'sqlite' ? "`p`.`path` || '%'" : "CONCAT(`p`.`path`, '%')";
  return (
    'SELECT `a`.`id` AS `agreementId`, `e`.`category` AS `category`, SUM(CASE WHEN `e`.`correctsEntryId` IS NULL THEN 1 ELSE -1 END) AS `services`, ' +
    'SUM(`e`.`serviceMinutes`) AS `minutes`, SUM(`e`.`valueYuan`) AS `valueYuan` ' +
    'FROM `agreements` `a` JOIN `organisations` `p` ON `p`.`id` = `a`.`organisationId` ' +
    `JOIN \`ledger_entries\` \`e\` ON \`e\`.\`streetId\` = \`a\`.\`streetId\` AND \`e\`.\`occurredAt\` >= ${from} AND \`e\`.\`occurredAt\` < ${to} ` +
    'AND `e`.`category` IS NOT NULL AND (`a`.`communityId` IS NULL OR `e`.`communityId` = `a`.`communityId`) ' +
    `WHERE \`a\`.\`status\` IN (${DELIVERING_STATUSES.map((s) => `'${s}'`).join(', ')})${oneAgreement ? ' AND `a`.`id` = ?' : ''} ` +
    `AND EXISTS (SELECT 1 FROM \`organisations\` \`o\` WHERE \`o\`.\`id\` IN (\`e\`.\`unitId\`, \`e\`.\`branchId\`, \`e\`.\`organisationId\`) AND \`o\`.\`path\` LIKE ${within}) ` +
    'GROUP BY `a`.`id`, `e`.`category`'
  );
}

/** Fills agreement_deliveries from the entries (empty table assumed). */
export function AGREEMENT_DELIVERIES_BACKFILL(dialect: 'sqlite' | 'mysql'): string {
  return 'INSERT INTO `agreement_deliveries` (`agreementId`, `category`, `services`, `minutes`, `valueYuan`) ' + AGREEMENT_DELIVERIES_SELECT(dialect);
}
