import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { createApp, buildOpenApi } from '../app.factory';
import { DataCipher } from '../common/crypto/data-cipher';
import { loadConfig } from '../config/config';
import { linkAuditChain } from '../modules/audit/audit-linker.service';
import { verifyAuditChain } from '../modules/audit/audit-verify.service';
import { AuditService } from '../modules/audit/audit.service';
import { Clock } from '../common/clock';
import { createDataSource } from './data-source';
import { checkInvariants } from './invariants';
import { isDatabaseEmpty, seedDemo } from './seed/demo-seed';

/**
 * `node dist/database/cli.js migrate|seed|check|openapi [file]|audit-link|audit-verify` — deploy-time and operations tasks
 * without starting the server. `check` and `audit-verify` exit 1 when an invariant or the audit chain is broken.
 */
async function main() {
  const [command, arg] = process.argv.slice(2);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'error' });
  if (command === 'openapi') {
    const app = await createApp({ ...config, databaseUrl: 'sqlite::memory:', h5Dir: null });
    writeFileSync(arg ?? 'openapi.json', JSON.stringify(buildOpenApi(app), null, 2) + '\n');
    await app.close();
    return;
  }
  const dataSource = await createDataSource(config.databaseUrl).initialize();
  try {
    if (command === 'migrate') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'Schema is up to date');
    } else if (command === 'seed') {
      if (!(await isDatabaseEmpty(dataSource))) throw new Error('The database already has data; demo seeding only runs on an empty database');
      await seedDemo(dataSource, new DataCipher(config), new Date(), config.certKey);
      console.log('Seeded the demo city and personas');
    } else if (command === 'audit-link') {
      // What the audit-chain-link job does each tick, now (the bench, or before a verify after a stop).
      const linked = await linkAuditChain(dataSource, (manager) => new AuditService(new Clock(), dataSource).lockHead(manager));
      console.log(`Linked ${linked} pending audit entries`);
    } else if (command === 'audit-verify') {
      const report = await verifyAuditChain(dataSource);
      if (report.ok) {
        console.log(
          `Audit chain intact: ${report.checked} entries checked from seq ${report.fromSeq + 1} to ${report.head?.seq ?? 0}${report.legacy ? ` (${report.legacy} entries from before the chain not covered)` : ''}; ${report.pending} entries pending (not yet linked by the audit-chain-link job)`,
        );
      } else {
        console.error(`${report.pending} entries pending (not yet linked by the audit-chain-link job)`);
        console.error(
          `Audit chain broken at seq ${report.firstBreak!.seq}${report.firstBreak!.id ? ` (entry ${report.firstBreak!.id})` : ''}: ${report.firstBreak!.kind} — ${report.firstBreak!.message}`,
        );
        process.exitCode = 1;
      }
    } else if (command === 'check') {
      // After a restore or a crash: the invariants of invariants.ts; exit 1 when any is broken.
      const problems = await checkInvariants(dataSource, config.storage.driver === 'local' ? config.storage.dir : null);
      for (const problem of problems) console.error(`✖ ${problem}`);
      console.log(problems.length ? `${problems.length} invariant violations` : 'All invariants hold');
      if (problems.length) process.exitCode = 1;
    } else {
      throw new Error('Usage: cli.js migrate | seed | check | openapi [file] | audit-link | audit-verify');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
