import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { inTransaction } from '../src/common/database/transaction';
import { RequestContext, runInRequestContext } from '../src/common/http/request-context';
import { AuditService } from '../src/modules/audit/audit.service';
import { ProjectsService } from '../src/modules/projects/projects.service';
import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { startTestApp, type TestApp } from './support/test-app';
import { freshDatabaseUrl, TEST_DB } from './support/test-database';

/**
 * Not real replication: the "replica" is a second database on the same server with the same schema and a copy
 * of the primary's rows in which one wish's title differs. Which title an answer carries says which database
 * served the read.
 */
const describeOnMariadb = TEST_DB === 'mariadb' ? describe : describe.skip;
describeOnMariadb('read replicas (mariadb; skipped on sqlite: replicas are ignored there, one file has no replica)', () => {
  let t: TestApp;
  let wish: WishEntity;
  let primaryDb: string;
  let replicaDb: string;
  const PRIMARY_TITLE = '主库的标题';
  const REPLICA_TITLE = '只读副本的标题';

  beforeAll(async () => {
    const primaryUrl = await freshDatabaseUrl('primary');
    const replicaUrl = await freshDatabaseUrl('replica');
    // The primary: migrated and seeded by a first start without replicas; then the replica is filled from it.
    // One data key for both starts: the seeded personas' encrypted fields must still decrypt (signing in as them).
    const dataKey = randomBytes(32).toString('base64');
    const seeding = await startTestApp({ databaseUrl: primaryUrl, env: { DATA_KEY: dataKey } });
    await seeding.close();
    primaryDb = new URL(primaryUrl).pathname.slice(1);
    replicaDb = new URL(replicaUrl).pathname.slice(1);
    const admin = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '', multipleStatements: true });
    try {
      const [tables] = (await admin.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = ?', [primaryDb, 'BASE TABLE'])) as unknown as [
        { name: string }[],
      ];
      for (const { name } of tables) await admin.query(`CREATE TABLE \`${replicaDb}\`.\`${name}\` LIKE \`${primaryDb}\`.\`${name}\``);
      await admin.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const { name } of tables) await admin.query(`INSERT INTO \`${replicaDb}\`.\`${name}\` SELECT * FROM \`${primaryDb}\`.\`${name}\``);
      const [rows] = (await admin.query(`SELECT id FROM \`${primaryDb}\`.wishes WHERE status = 'published' ORDER BY publishedAt DESC, id DESC LIMIT 1`)) as unknown as [{ id: string }[]];
      await admin.query(`UPDATE \`${primaryDb}\`.wishes SET title = ? WHERE id = ?`, [PRIMARY_TITLE, rows[0].id]);
      await admin.query(`UPDATE \`${replicaDb}\`.wishes SET title = ? WHERE id = ?`, [REPLICA_TITLE, rows[0].id]);
    } finally {
      await admin.end();
    }
    t = await startTestApp({ databaseUrl: primaryUrl, seed: false, env: { DATABASE_REPLICA_URLS: replicaUrl, DATA_KEY: dataKey } });
    wish = await t.dataSource.getRepository(WishEntity).findOneByOrFail({ title: PRIMARY_TITLE });
  });
  afterAll(() => t?.close());

  const context = (overrides: Partial<RequestContext> = {}): RequestContext => ({
    method: 'GET',
    route: '/test',
    params: {},
    ip: null,
    userAgent: null,
    write: false,
    recorded: false,
    ...overrides,
  });
  const inRequest = <T>(ctx: RequestContext, work: () => Promise<T>) => new Promise<T>((resolve, reject) => runInRequestContext(ctx, () => void work().then(resolve, reject)));
  const titleVia = (dataSource: DataSource) =>
    dataSource
      .getRepository(WishEntity)
      .findOneByOrFail({ id: wish.id })
      .then((w) => w.title);

  it('should serve a list route (the wish wall) from the replica', async () => {
    const wall = await t.request('GET', `/api/wishes?communityId=${wish.communityId}&pageSize=50`);
    expect(wall.status).toBe(200);
    const titles = wall.body.items.map((w: { title: string }) => w.title);
    expect(titles).toContain(REPLICA_TITLE);
    expect(titles).not.toContain(PRIMARY_TITLE);
  });

  /**
   * Gives the first row a list route returns one text in the primary and another in the replica (the copy only the
   * replica holds), then asks the route again: the text it answers with says which database served it.
   */
  const diverge = async (table: string, column: string, id: string): Promise<{ primary: string; replica: string }> => {
    const texts = { primary: `主库的${table}`, replica: `只读副本的${table}` };
    const admin = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
    try {
      await admin.query(`UPDATE \`${primaryDb}\`.\`${table}\` SET \`${column}\` = ? WHERE id = ?`, [texts.primary, id]);
      await admin.query(`UPDATE \`${replicaDb}\`.\`${table}\` SET \`${column}\` = ? WHERE id = ?`, [texts.replica, id]);
    } finally {
      await admin.end();
    }
    return texts;
  };
  const LISTS: { name: string; path: string; table: string; column: string; field: string }[] = [
    { name: 'livelihood projects', path: '/api/projects?pageSize=50', table: 'livelihood_projects', column: 'title', field: 'title' },
    { name: 'service posts', path: '/api/posts?pageSize=50', table: 'service_posts', column: 'name', field: 'name' },
    { name: 'volunteer activities', path: '/api/activities?pageSize=50', table: 'activities', column: 'title', field: 'title' },
    { name: 'public pledges', path: '/api/pledges/public?communityCode=KDSQ01&pageSize=20', table: 'pledges', column: 'content', field: 'content' },
  ];
  it.each(LISTS)('should serve the $name list from the replica', async ({ path, table, column, field }) => {
    const before = await t.request('GET', path);
    expect(before.status).toBe(200);
    expect(before.body.items.length).toBeGreaterThan(0);
    const id: string = before.body.items[0].id;
    const texts = await diverge(table, column, id);
    const after = await t.request('GET', path);
    expect(after.status).toBe(200);
    const row = after.body.items.find((item: { id: string }) => item.id === id);
    expect(row?.[field]).toBe(texts.replica);
    expect(JSON.stringify(after.body)).not.toContain(texts.primary);
  });

  it('should serve a route not marked for replicas (a wish detail) from the primary', async () => {
    const detail = await t.request('GET', `/api/wishes/${wish.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.title).toBe(PRIMARY_TITLE);
  });

  it('should send every read after the request’s first write to the primary', async () => {
    const ctx = context({ replicaReads: true });
    const [before, after] = await inRequest(ctx, async () => {
      const first = await titleVia(t.dataSource);
      await t.app.get(AuditService).record(t.dataSource.manager, { action: 'test.replica_write', subjectType: 'wish', subjectId: wish.id });
      return [first, await titleVia(t.dataSource)];
    });
    expect(before).toBe(REPLICA_TITLE);
    expect(after).toBe(PRIMARY_TITLE);
    expect(ctx.wrotePrimary).toBe(true);
  });

  it('should read a list from the replica, then from the primary once the same request has written (a real list service)', async () => {
    const page = await t.request('GET', '/api/projects?pageSize=50');
    const id: string = page.body.items[0].id;
    const texts = await diverge('livelihood_projects', 'title', id);
    const projects = t.app.get(ProjectsService);
    const titleOf = async () => (await projects.list({ page: 1, pageSize: 50 })).items.find((p) => p.id === id)?.title;
    const ctx = context({ replicaReads: true });
    const [before, after] = await inRequest(ctx, async () => {
      const first = await titleOf();
      await t.app.get(AuditService).record(t.dataSource.manager, { action: 'test.replica_write', subjectType: 'project', subjectId: id });
      return [first, await titleOf()];
    });
    expect(before).toBe(texts.replica);
    expect(after).toBe(texts.primary);
  });

  it('should answer the supervision dashboard’s counts from the replica (rosters, registrations, wishes, activities, minutes)', async () => {
    const token = await t.signIn('dev:official');
    const before = await t.request('GET', '/api/supervision/dashboard', { token });
    expect(before.status).toBe(200);
    expect(before.body.wishes.total).toBeGreaterThan(0);
    const street: string = before.body.region.id;
    // One row of each counted kind changed in the replica only; each count answered must move by exactly one
    // (or 1,000 minutes), and a count read from the primary would not move.
    const admin = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
    const one = async (sql: string, params: unknown[]) => {
      const [rows] = (await admin.query(sql, params)) as unknown as [{ id: string }[]];
      expect(rows.length).toBe(1);
      return rows[0].id;
    };
    const recent = 'DATE_SUB(NOW(), INTERVAL 300 DAY)';
    try {
      const entry = await one(`SELECT id FROM \`${replicaDb}\`.ledger_entries WHERE streetId = ? AND correctsEntryId IS NULL AND occurredAt >= ${recent} AND occurredAt < NOW() ORDER BY id LIMIT 1`, [
        street,
      ]);
      await admin.query(`UPDATE \`${replicaDb}\`.ledger_entries SET serviceMinutes = serviceMinutes + 1000 WHERE id = ?`, [entry]);
      // The ledger's rollup of that entry's street, Beijing month and unit, which the dashboard's minutes read.
      await admin.query(
        `UPDATE \`${replicaDb}\`.ledger_unit_months t JOIN \`${replicaDb}\`.ledger_entries e ON e.id = ? SET t.minutes = t.minutes + 1000 ` +
          "WHERE t.regionId = e.streetId AND t.unitId = COALESCE(e.unitId, '') AND t.month = DATE_FORMAT(DATE_ADD(e.occurredAt, INTERVAL 8 HOUR), '%Y-%m')",
        [entry],
      );
      const activity = await one(`SELECT id FROM \`${replicaDb}\`.activities WHERE streetId = ? AND status <> 'cancelled' AND startAt >= ${recent} AND startAt < NOW() ORDER BY id LIMIT 1`, [street]);
      await admin.query(`UPDATE \`${replicaDb}\`.activities SET status = 'cancelled' WHERE id = ?`, [activity]);
      const entered = await one(`SELECT id FROM \`${replicaDb}\`.wishes WHERE streetId = ? AND createdAt >= ${recent} AND createdAt < NOW() ORDER BY id LIMIT 1`, [street]);
      // The wishes' rollup of its street, status and Beijing month of creation, which the dashboard's wishes by state read.
      await admin.query(
        `UPDATE \`${replicaDb}\`.wish_state_months t JOIN \`${replicaDb}\`.wishes w ON w.id = ? SET t.wishes = t.wishes - 1 ` +
          "WHERE t.streetId = w.streetId AND t.status = w.status AND t.month = DATE_FORMAT(DATE_ADD(w.createdAt, INTERVAL 8 HOUR), '%Y-%m')",
        [entered],
      );
      await admin.query(`UPDATE \`${replicaDb}\`.wishes SET createdAt = DATE_SUB(createdAt, INTERVAL 3 YEAR) WHERE id = ?`, [entered]);
      const registration = await one(`SELECT id FROM \`${replicaDb}\`.registrations WHERE streetId = ? AND status = 'confirmed' ORDER BY id LIMIT 1`, [street]);
      await admin.query(`UPDATE \`${replicaDb}\`.registrations SET status = 'ended' WHERE id = ?`, [registration]);
      const resident = await one(`SELECT m.id FROM \`${replicaDb}\`.members m JOIN \`${replicaDb}\`.regions c ON c.id = m.residenceCommunityId WHERE c.parentId = ? ORDER BY m.id LIMIT 1`, [street]);
      await admin.query(`UPDATE \`${replicaDb}\`.members SET residenceCommunityId = NULL WHERE id = ?`, [resident]);
    } finally {
      await admin.end();
    }
    const after = await t.request('GET', '/api/supervision/dashboard', { token });
    expect(after.status).toBe(200);
    expect(after.body.activities.minutes).toBe(before.body.activities.minutes + 1000);
    expect(after.body.activities.held).toBe(before.body.activities.held - 1);
    expect(after.body.wishes.total).toBe(before.body.wishes.total - 1);
    expect(after.body.members.registered).toBe(before.body.members.registered - 1);
    expect(after.body.members.onRoster).toBe(before.body.members.onRoster - 1);
  });

  it('should answer the 件件有着落 board from the replica', async () => {
    const token = await t.signIn('dev:official');
    const before = await t.request('GET', '/api/supervision/board', { token });
    expect(before.status).toBe(200);
    const item = before.body.items.find((i: { kind: string }) => i.kind.startsWith('wish'));
    expect(item).toBeDefined();
    const texts = await diverge('wishes', 'title', item.subjectId);
    const after = await t.request('GET', '/api/supervision/board', { token });
    expect(after.status).toBe(200);
    const text = JSON.stringify(after.body);
    expect(text).toContain(texts.replica);
    expect(text).not.toContain(texts.primary);
  });

  it('should read inside a transaction from the primary, and outside requests (jobs) from the primary', async () => {
    const inside = await inRequest(context({ replicaReads: true }), () => inTransaction(t.dataSource, (m) => m.findOneByOrFail(WishEntity, { id: wish.id }).then((w) => w.title)));
    expect(inside).toBe(PRIMARY_TITLE);
    expect(await titleVia(t.dataSource)).toBe(PRIMARY_TITLE);
    expect(await inRequest(context(), () => titleVia(t.dataSource))).toBe(PRIMARY_TITLE);
  });

  it('should keep the sign-in check on the primary: a session revoked on the primary is refused on a replica route', async () => {
    const token = await t.signIn('dev:replica-reader');
    expect((await t.request('GET', '/api/wishes/overdue', { token })).status).toBe(403);
    expect((await t.request('POST', '/api/auth/sign-out', { token, body: {} })).status).toBeLessThan(300);
    expect((await t.request('GET', '/api/wishes/overdue', { token })).status).toBe(401);
  });
});
