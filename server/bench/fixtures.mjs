// The bench database for parts 1, 2 and 4: the demo city (the server's own seed) plus, written here with the
// same column values the services would write, 500 signed-in members, a lively 康都社区 wall with photos, and
// published wishes for the claim-contention runs. Deterministic (seeded PRNG); recreated on every run.
import { benchCipher, serverModule, serverRequire } from './lib/cipher.mjs';
import { BENCH_DATA_KEY, BENCH_DB, databaseUrl, prng } from './lib/common.mjs';
import { connect, insertRows, recreateDatabase } from './lib/db.mjs';
import { HARDSHIPS, WISH_SAMPLES } from './lib/samples.mjs';

export const FIXTURE = {
  seed: 'bench-fixtures-v1',
  members: 500,
  wallCommunity: 'KDSQ01',
  wallWishes: 180,
  /** 5,000 claims over 1,000 wishes per run; one fresh set of wishes per run. */
  claimWishes: 1000,
  claimRuns: 3,
  /** 200 simultaneous claims of one wish, once per run. */
  hotRuns: 3,
  /** One more of each for the instances with Node's default heap limits (part 5). */
  spareRuns: 1,
  /**
   * Part 2's same-SQL check (claims.mjs checkClaimSql): four published wishes claimed one by one by the app and by
   * the bare baseline (reset in between); the first posted by the demo resident (so the claim notifies them)
   * with a photo. Generated last, so every row before them is the same as without them.
   */
  checkWishes: 4,
};

export const memberLogin = (i) => `bench-member-${String(i).padStart(3, '0')}`;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = ['建国', '晓燕', '志强', '海霞', '文博', '丽娟', '永军', '春梅', '国华', '红英', '宏伟', '秀兰', '子涵', '玉珍', '振华', '淑芬'];
const TITLES = WISH_SAMPLES.slice(0, 8);
const DAY = 24 * 3600 * 1000;

/** Drops and recreates the bench database, migrates and seeds the demo city with the server's CLI, then adds fixtures. */
export async function buildBenchDatabase({ runCli, now = new Date() }) {
  await recreateDatabase(BENCH_DB);
  const env = { DATABASE_URL: databaseUrl(BENCH_DB), DATA_KEY: BENCH_DATA_KEY, WECHAT_MODE: 'dev', LOG_LEVEL: 'error' };
  await runCli(['migrate'], env);
  await runCli(['seed'], env);
  return addFixtures(now);
}

async function addFixtures(now) {
  const rnd = prng(FIXTURE.seed);
  const cipher = benchCipher();
  const { maskName } = serverRequire('@nuancheng/shared');
  const conn = await connect(BENCH_DB);
  try {
    const [communities] = await conn.query("SELECT id, code, path FROM regions WHERE level = 'community' ORDER BY code");
    const [branches] = await conn.query("SELECT id, name FROM organisations WHERE level = 'branch' ORDER BY name");
    const [[staff]] = await conn.query("SELECT id FROM users WHERE openid = 'dev-staff'");
    const [[resident]] = await conn.query("SELECT id FROM users WHERE openid = 'dev-resident'");
    const [demoMembers] = await conn.query("SELECT m.id, m.name, m.userId FROM members m JOIN users u ON u.id = m.userId WHERE u.openid REGEXP '^dev-member-(1[8-9]|[23][0-9]|40)$' ORDER BY u.openid");
    const streetOf = (c) => c.path.split('/').filter(Boolean).at(-2);

    // 500 members with users (sign in as dev:bench-member-NNN) and the member role on their branch.
    const users = [];
    const members = [];
    const roles = [];
    for (let i = 1; i <= FIXTURE.members; i++) {
      const userId = rnd.uuid();
      const memberId = rnd.uuid();
      const phone = `1370000${String(i).padStart(4, '0')}`;
      const branch = branches[i % branches.length];
      users.push({ id: userId, openid: `dev-${memberLogin(i)}`, phoneCipher: cipher.encrypt(phone), phoneHash: cipher.hash(phone), phoneBoundAt: now, createdAt: now });
      members.push({
        id: memberId,
        name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length],
        phoneCipher: cipher.encrypt(phone),
        phoneHash: cipher.hash(phone),
        branchId: branch.id,
        residenceCommunityId: rnd.pick(communities).id,
        userId,
        createdAt: now,
        updatedAt: now,
      });
      roles.push({ id: rnd.uuid(), userId, role: 'member', organisationId: branch.id, createdAt: now });
    }
    await insertRows(conn, 'users', ['id', 'openid', 'phoneCipher', 'phoneHash', 'phoneBoundAt', 'createdAt'], users);
    await insertRows(conn, 'members', ['id', 'name', 'phoneCipher', 'phoneHash', 'branchId', 'residenceCommunityId', 'userId', 'createdAt', 'updatedAt'], members);
    await insertRows(conn, 'role_assignments', ['id', 'userId', 'role', 'organisationId', 'createdAt'], roles);

    const wishes = [];
    const claims = [];
    const uploads = [];
    /** An upload row: a photo of the demo resident's on this wish. */
    const photo = (row, createdAt) => {
      const id = rnd.uuid();
      uploads.push({
        id,
        ownerId: resident.id,
        storageKey: `bench/${id}.jpg`,
        thumbnailKey: `bench/${id}-thumb.jpg`,
        contentType: 'image/jpeg',
        bytes: 48000,
        width: 1080,
        height: 810,
        sha256: rnd.uuid().replace(/-/g, '').padEnd(64, '0'),
        attachedTo: `wish:${row.id}`,
        createdAt,
      });
    };
    const wish = (community, status, ageDays, claimant = null) => {
      const [title, category, description] = rnd.pick(TITLES);
      const beneficiary = SURNAMES[rnd.int(0, SURNAMES.length - 1)] + rnd.pick(GIVEN);
      const createdAt = new Date(now.getTime() - ageDays * DAY - rnd.int(0, 8 * 3600) * 1000);
      const publishedAt = new Date(createdAt.getTime() + 4 * 3600 * 1000);
      const claimedAt = claimant ? new Date(publishedAt.getTime() + rnd.int(1, 48) * 3600 * 1000) : null;
      const live = ['claimed', 'fulfilled', 'disputed'].includes(status);
      const claimId = claimant ? rnd.uuid() : null;
      const row = {
        id: rnd.uuid(),
        communityId: community.id,
        streetId: streetOf(community),
        residentUserId: community.code === FIXTURE.wallCommunity ? resident.id : null,
        enteredByUserId: community.code === FIXTURE.wallCommunity ? resident.id : staff.id,
        title,
        description,
        category,
        estimatedValueYuan: rnd.int(30, 800),
        beneficiaryMasked: maskName(beneficiary),
        beneficiaryNameCipher: cipher.encrypt(beneficiary),
        contactPhoneCipher: cipher.encrypt(`1390000${String(rnd.int(0, 9999)).padStart(4, '0')}`),
        hardshipCipher: cipher.encrypt(rnd.pick(HARDSHIPS)),
        consentVersion: '2026-11-v1',
        consentAt: createdAt,
        status,
        currentClaimId: live ? claimId : null,
        claimantKind: claimant ? 'member' : null,
        claimantName: claimant ? claimant.name : null,
        claimDeadline: live ? new Date(claimedAt.getTime() + 14 * DAY) : null,
        fulfilmentNote: ['fulfilled', 'confirmed'].includes(status) ? '已送到居民家中' : null,
        rating: status === 'confirmed' ? 5 : null,
        thanks: status === 'confirmed' ? '谢谢党员同志！' : null,
        publishedAt,
        claimedAt,
        fulfilledAt: ['fulfilled', 'confirmed'].includes(status) ? new Date(claimedAt.getTime() + 2 * DAY) : null,
        confirmedAt: status === 'confirmed' ? new Date(claimedAt.getTime() + 3 * DAY) : null,
        createdAt,
        updatedAt: now,
      };
      wishes.push(row);
      if (claimant) {
        claims.push({
          id: claimId,
          wishId: row.id,
          liveWishId: live ? row.id : null,
          claimantKind: 'member',
          memberId: claimant.id,
          claimedByUserId: claimant.userId,
          status: status === 'confirmed' ? 'completed' : status === 'fulfilled' ? 'fulfilled' : 'open',
          deadline: new Date(claimedAt.getTime() + 14 * DAY),
          endedAt: status === 'confirmed' ? row.confirmedAt : null,
          createdAt: claimedAt,
        });
      }
      return row;
    };

    // The 康都社区 wall: published and later, a third with one or two photos. Claimants are demo members 18–40,
    // so the 500 bench members start the contention runs with no open claims.
    const wallCommunity = communities.find((c) => c.code === FIXTURE.wallCommunity);
    const open = new Map();
    for (let i = 0; i < FIXTURE.wallWishes; i++) {
      const r = rnd.random();
      let status = r < 0.4 ? 'published' : r < 0.6 ? 'claimed' : r < 0.7 ? 'fulfilled' : 'confirmed';
      let claimant = null;
      if (status !== 'published') {
        claimant = rnd.pick(demoMembers);
        const live = status !== 'confirmed';
        if (live && (open.get(claimant.id) ?? 0) >= 3) status = 'confirmed';
        else if (live) open.set(claimant.id, (open.get(claimant.id) ?? 0) + 1);
      }
      const row = wish(wallCommunity, status, rnd.int(1, 120), claimant);
      const photos = rnd.random() < 0.35 ? rnd.int(1, 2) : 0;
      for (let p = 0; p < photos; p++) {
        photo(row, new Date(row.createdAt.getTime() + p * 1000));
      }
    }

    // Published wishes for the contention runs, in the other eight communities.
    const elsewhere = communities.filter((c) => c.code !== FIXTURE.wallCommunity);
    const hot = [];
    for (let run = 0; run < FIXTURE.hotRuns + FIXTURE.spareRuns; run++) hot.push(wish(rnd.pick(elsewhere), 'published', rnd.int(1, 6)).id);
    const claimSets = [];
    for (let run = 0; run < FIXTURE.claimRuns + FIXTURE.spareRuns; run++) {
      claimSets.push(Array.from({ length: FIXTURE.claimWishes }, () => wish(rnd.pick(elsewhere), 'published', rnd.int(1, 6)).id));
    }

    const check = [];
    for (let i = 0; i < FIXTURE.checkWishes; i++) {
      const row = wish(rnd.pick(elsewhere), 'published', rnd.int(1, 6));
      if (i === 0) {
        row.residentUserId = resident.id;
        row.enteredByUserId = resident.id;
        photo(row, row.createdAt);
      }
      check.push(row.id);
    }

    const wishColumns = Object.keys(wishes[0]);
    await insertRows(conn, 'wishes', wishColumns, wishes, 1000);
    await insertRows(conn, 'wish_claims', ['id', 'wishId', 'liveWishId', 'claimantKind', 'memberId', 'claimedByUserId', 'status', 'deadline', 'endedAt', 'createdAt'], claims);
    await insertRows(conn, 'uploads', Object.keys(uploads[0]), uploads);
    // The wishes were inserted directly: the wishes' rollups recomputed with the server's own definition.
    await conn.query('DELETE FROM `wish_state_months`');
    await conn.query('DELETE FROM `wish_event_months`');
    for (const sql of serverModule('modules/wishes/wish-rollups.js').WISH_ROLLUPS_BACKFILL('mysql')) await conn.query(sql);
    return {
      wallCommunityId: wallCommunity.id,
      wallCommunityCode: FIXTURE.wallCommunity,
      hot: hot.slice(0, FIXTURE.hotRuns),
      claimSets: claimSets.slice(0, FIXTURE.claimRuns),
      spare: { hot: hot.slice(FIXTURE.hotRuns), claimSets: claimSets.slice(FIXTURE.claimRuns) },
      checkWishes: check,
      members: FIXTURE.members,
      counts: { users: users.length, wishes: wishes.length, claims: claims.length, uploads: uploads.length },
    };
  } finally {
    await conn.end();
  }
}
