// City-scale data for benchmarks: 3 districts, 30 streets, 300 communities, 120 units, 50,000 members (each a
// signed-in user), 40,000 residents, 200,000 wishes in every state with their claims and photos; since v2 issue
// 9's programme: 240 co-building agreements with their resource lists, 30,000 past activities with 600,000
// attendances, 1,500 service posts with 6,000 holders and 150,000 shifts, 30,000 pledges — and the ledger
// entries all of these credit (about 900,000).
// Rows are written with multi-row INSERTs of 2,000, generating the next batch while the database writes the last.
//
// Dates are laid out back from an anchor, 08:00 UTC on the day of generation (so "published 3 days ago" stays
// true enough for the overdue board); the same seed, version and anchor give the same rows, ids included.
// The database is kept between runs: `_bench_meta` records the generator version, seed, scale and anchor; a
// run with the same key and an anchor under 30 days old skips generation. Reusable by later benchmarks:
//
//   node server/bench/city/generate.mjs [--db nuancheng_bench_city] [--seed city-1] [--scale 1] [--force]
//
// (server/dist must be built: the schema comes from the server's own migrations, the ciphertexts from its
// DataCipher with the bench DATA_KEY.) Logins: dev:city-member-00001 … (members; 00001 is the busiest),
// dev:city-official-01 … (street officials, 01 = the first street), dev:city-staff-<community code>.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCipher, serverModule, serverRequire } from '../lib/cipher.mjs';
import { BENCH_DATA_KEY, CITY_DB, ROOT, databaseUrl, prng } from '../lib/common.mjs';
import { connect, recreateDatabase } from '../lib/db.mjs';
import { HARDSHIPS, WISH_SAMPLES } from '../lib/samples.mjs';

/** Bump when the generated data changes shape: a cached database with another version is regenerated. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 'city-1';

const DAY = 24 * 3600 * 1000;
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = [
  '建国',
  '晓燕',
  '志强',
  '海霞',
  '文博',
  '丽娟',
  '永军',
  '春梅',
  '国华',
  '红英',
  '宏伟',
  '秀兰',
  '子涵',
  '玉珍',
  '振华',
  '淑芬',
  '德胜',
  '桂兰',
  '明辉',
  '雪梅',
  '俊杰',
  '海燕',
  '立新',
  '凤英',
];
const DISTRICTS = ['临河区', '五原县', '磴口县'];

/** Share of wishes in each state (every state present). */
const STATES = [
  ['confirmed', 0.66],
  ['published', 0.12],
  ['claimed', 0.08],
  ['fulfilled', 0.04],
  ['disputed', 0.01],
  ['rejected', 0.03],
  ['withdrawn', 0.02],
  ['submitted', 0.03],
  ['held', 0.01],
];

export function cityParameters(scale = 1) {
  const n = (value) => Math.max(1, Math.round(value * scale));
  return {
    districts: 3,
    streetsPerDistrict: 10,
    communitiesPerStreet: 10,
    units: 120,
    members: n(50000),
    residents: n(40000),
    wishes: n(200000),
    /** Past activities, each with this many attendees (every attendance credited): 600,000 attendances. */
    activities: n(30000),
    attendeesPerActivity: 20,
    /** Confirmed, pending and rejected shifts over 1,500 posts with 4 holders each. */
    shifts: n(150000),
    pledges: n(30000),
    projectUpdates: n(50000),
    /** Extra ended claims (released, expired) as a share of claimed-or-later wishes. */
    endedClaimShare: 0.1,
    photoShare: 0.3,
    /** city-member-00001: a busy volunteer with this many past claims and ledger entries. */
    busyMemberClaims: 150,
    busyMemberActivities: 250,
    busyMemberShifts: 100,
    batch: 2000,
  };
}

export const cacheKey = (seed, scale) => `v${GENERATOR_VERSION}:${seed}:x${scale}`;

/** Dates are laid out back from an anchor (08:00 UTC on the day of generation); older than this, regenerate. */
const MAX_ANCHOR_AGE_DAYS = 30;
const anchorFor = (date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 8));

/** Ids in insertion order (the clustered index grows at its end), version-4-shaped, deterministic. */
function idMaker(rnd, prefix) {
  let counter = 0;
  const hex = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += ((rnd.random() * 16) | 0).toString(16);
    return s;
  };
  return () => `${prefix}${(counter++).toString(16).padStart(7, '0')}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

/** Batched multi-row INSERTs with one statement in flight while the next batch is built. */
class Writer {
  constructor(conn, table, columns, batch) {
    this.conn = conn;
    this.head = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
    this.columns = columns;
    this.batch = batch;
    this.rows = [];
    this.inflight = Promise.resolve();
    this.count = 0;
  }

  async add(row) {
    this.rows.push(this.columns.map((c) => (row[c] === undefined ? null : row[c])));
    if (this.rows.length >= this.batch) await this.flush();
  }

  async flush() {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    await this.inflight;
    this.count += rows.length;
    this.inflight = this.conn.query(this.head, [rows]);
  }

  async end() {
    await this.flush();
    await this.inflight;
    return this.count;
  }
}

async function runMigrations(db) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'server/dist/database/cli.js'), 'migrate'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl(db), DATA_KEY: BENCH_DATA_KEY, WECHAT_MODE: 'dev', LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrations failed: ${result.stderr || result.stdout}`);
}

async function readMeta(db) {
  let conn;
  try {
    conn = await connect(db);
    const [rows] = await conn.query('SELECT k, v FROM `_bench_meta`');
    return Object.fromEntries(rows.map((r) => [r.k, r.v]));
  } catch {
    return {};
  } finally {
    await conn?.end();
  }
}

/**
 * Makes sure `db` holds the city for (seed, scale): reuses it when the key matches, otherwise drops, migrates
 * and generates. Returns { reused, ms, counts }.
 */
export async function ensureCity({ db = CITY_DB, seed = DEFAULT_SEED, scale = 1, force = false, log = console.log } = {}) {
  const key = cacheKey(seed, scale);
  const meta = await readMeta(db);
  const age = meta.anchor ? (Date.now() - Date.parse(meta.anchor)) / DAY : Infinity;
  if (!force && meta.generator === key && age <= MAX_ANCHOR_AGE_DAYS) {
    await runMigrations(db); // a migration added since (an index) is applied to the kept data
    return { reused: true, ms: 0, key, anchor: meta.anchor, counts: await countRows(db) };
  }
  const started = Date.now();
  const anchor = anchorFor(new Date());
  await recreateDatabase(db);
  await runMigrations(db);
  const counts = await generate(db, seed, cityParameters(scale), anchor, log);
  const conn = await connect(db);
  try {
    await conn.query('CREATE TABLE `_bench_meta` (k VARCHAR(40) PRIMARY KEY, v VARCHAR(200) NOT NULL)');
    await conn.query("INSERT INTO `_bench_meta` (k, v) VALUES ('generator', ?), ('anchor', ?), ('generated_at', ?)", [key, anchor.toISOString(), new Date().toISOString()]);
  } finally {
    await conn.end();
  }
  return { reused: false, ms: Date.now() - started, key, anchor: anchor.toISOString(), counts };
}

export async function countRows(db) {
  const conn = await connect(db);
  try {
    const counts = {};
    for (const table of [
      'regions',
      'organisations',
      'users',
      'members',
      'role_assignments',
      'wishes',
      'wish_claims',
      'uploads',
      'ledger_entries',
      'agreements',
      'agreement_commitments',
      'activities',
      'activity_attendances',
      'service_posts',
      'post_shifts',
      'pledges',
    ]) {
      const [[row]] = await conn.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
      counts[table] = Number(row.n);
    }
    return counts;
  } finally {
    await conn.end();
  }
}

async function generate(db, seed, p, now, log) {
  const rnd = prng(`${seed}:v${GENERATOR_VERSION}`);
  const cipher = benchCipher();
  const { maskName, ACTIVITY_TYPES, ACTIVITY_COMMITMENT_CATEGORY, COMMITMENT_CATEGORIES, SERVICE_POST_TYPES, SERVICE_POST_COMMITMENT_CATEGORY, commitmentCategoryOfWish } =
    serverRequire('@nuancheng/shared');
  const at = (daysAgo) => new Date(now.getTime() - daysAgo * DAY);
  const id = {
    region: idMaker(rnd, '1'),
    org: idMaker(rnd, '2'),
    user: idMaker(rnd, '3'),
    member: idMaker(rnd, '4'),
    role: idMaker(rnd, '5'),
    wish: idMaker(rnd, '6'),
    claim: idMaker(rnd, '7'),
    upload: idMaker(rnd, '8'),
    ledger: idMaker(rnd, '9'),
  };
  // A few thousand distinct ciphertexts, reused: real AES-GCM values that decrypt, without 600,000 encryptions.
  const pool = (n, make) => Array.from({ length: n }, (_, i) => make(i));
  const nameCiphers = pool(2000, () => {
    const name = rnd.pick([...SURNAMES]) + rnd.pick(GIVEN);
    return { name, masked: maskName(name), cipher: cipher.encrypt(name) };
  });
  const phoneCiphers = pool(2000, (i) => cipher.encrypt(`139${String(10000000 + i * 3779).slice(-8)}`));
  const hardshipCiphers = HARDSHIPS.map((h) => cipher.encrypt(h));

  const conn = await connect(db);
  const counts = {};
  const timer = Date.now();
  const done = (label, n) => {
    counts[label] = n;
    log(`    ${label.padEnd(16)} ${String(n).padStart(9)} rows  (${((Date.now() - timer) / 1000).toFixed(0)} s)`);
  };
  try {
    await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    const writer = (table, columns) => new Writer(conn, table, columns, p.batch);

    // Regions: city → 3 districts → 30 streets → 300 communities.
    const regions = writer('regions', ['id', 'parentId', 'level', 'name', 'path', 'code', 'address', 'lat', 'lng', 'checkinRadiusM', 'createdAt', 'updatedAt']);
    const cityId = id.region();
    const cityPath = `/${cityId}/`;
    await regions.add({ id: cityId, parentId: null, level: 'city', name: '巴彦淖尔市', path: cityPath, createdAt: at(900), updatedAt: at(900) });
    const streets = [];
    const communities = [];
    for (let d = 0; d < p.districts; d++) {
      const districtId = id.region();
      const districtPath = `${cityPath}${districtId}/`;
      await regions.add({ id: districtId, parentId: cityId, level: 'district', name: DISTRICTS[d % DISTRICTS.length], path: districtPath, createdAt: at(900), updatedAt: at(900) });
      for (let s = 0; s < p.streetsPerDistrict; s++) {
        const streetId = id.region();
        const street = { id: streetId, path: `${districtPath}${streetId}/`, index: streets.length, communities: [] };
        streets.push(street);
        await regions.add({
          id: streetId,
          parentId: districtId,
          level: 'street',
          name: `${DISTRICTS[d % DISTRICTS.length].slice(0, 2)}第${s + 1}街道`,
          path: street.path,
          createdAt: at(900),
          updatedAt: at(900),
        });
        for (let c = 0; c < p.communitiesPerStreet; c++) {
          const communityId = id.region();
          const code = `BC${d + 1}${String(s + 1).padStart(2, '0')}${String(c + 1).padStart(2, '0')}`;
          const community = { id: communityId, streetId, code, path: `${street.path}${communityId}/` };
          street.communities.push(community);
          communities.push(community);
          await regions.add({
            id: communityId,
            parentId: streetId,
            level: 'community',
            name: `第${s + 1}街道${c + 1}号社区`,
            path: community.path,
            code,
            address: `${DISTRICTS[d % DISTRICTS.length]}第${s + 1}街道${c + 1}号`,
            lat: 40.7 + rnd.random() * 0.2,
            lng: 107.3 + rnd.random() * 0.2,
            checkinRadiusM: 500,
            createdAt: at(900),
            updatedAt: at(900),
          });
        }
      }
    }
    done('regions', await regions.end());

    // Organisations: the work committee, 120 units, each with a branch (every sixth through a party committee).
    const orgs = writer('organisations', ['id', 'parentId', 'level', 'name', 'path', 'createdAt', 'updatedAt']);
    const committeeId = id.org();
    const committeePath = `/${committeeId}/`;
    await orgs.add({ id: committeeId, parentId: null, level: 'work_committee', name: '市直机关工委', path: committeePath, createdAt: at(900), updatedAt: at(900) });
    const units = [];
    const branches = [];
    for (let u = 0; u < p.units; u++) {
      const unitId = id.org();
      const unitPath = `${committeePath}${unitId}/`;
      units.push({ id: unitId, name: `市直单位${u + 1}` });
      await orgs.add({ id: unitId, parentId: committeeId, level: 'unit', name: `市直单位${u + 1}`, path: unitPath, createdAt: at(900), updatedAt: at(900) });
      let parent = { id: unitId, path: unitPath };
      if (u % 6 === 0) {
        const pcId = id.org();
        parent = { id: pcId, path: `${unitPath}${pcId}/` };
        await orgs.add({ id: pcId, parentId: unitId, level: 'party_committee', name: `市直单位${u + 1}机关党委`, path: parent.path, createdAt: at(900), updatedAt: at(900) });
      }
      const branchId = id.org();
      branches.push({ id: branchId });
      await orgs.add({ id: branchId, parentId: parent.id, level: 'branch', name: `市直单位${u + 1}机关党支部`, path: `${parent.path}${branchId}/`, createdAt: at(900), updatedAt: at(900) });
    }
    done('organisations', await orgs.end());

    // Users, members and their roles.
    const users = writer('users', ['id', 'openid', 'phoneCipher', 'phoneHash', 'phoneBoundAt', 'lastSignInAt', 'createdAt']);
    const members = writer('members', ['id', 'name', 'phoneCipher', 'phoneHash', 'branchId', 'residenceCommunityId', 'userId', 'createdAt', 'updatedAt']);
    const roles = writer('role_assignments', ['id', 'userId', 'role', 'regionId', 'organisationId', 'createdAt']);
    const memberList = [];
    for (let i = 1; i <= p.members; i++) {
      const userId = id.user();
      const memberId = id.member();
      const phone = `135${String(i).padStart(8, '0')}`;
      const phoneCipher = cipher.encrypt(phone);
      const phoneHash = cipher.hash(phone);
      const branch = branches[i % branches.length];
      const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length];
      const joined = at(rnd.int(30, 800));
      const residence = rnd.pick(communities);
      memberList.push({ id: memberId, userId, name, live: 0, branchId: branch.id, unitId: units[i % branches.length].id, communityId: residence.id, streetId: residence.streetId });
      await users.add({ id: userId, openid: `dev-city-member-${String(i).padStart(5, '0')}`, phoneCipher, phoneHash, phoneBoundAt: joined, createdAt: joined });
      await members.add({ id: memberId, name, phoneCipher, phoneHash, branchId: branch.id, residenceCommunityId: residence.id, userId, createdAt: joined, updatedAt: joined });
      await roles.add({ id: id.role(), userId, role: 'member', organisationId: branch.id, createdAt: joined });
    }
    const residents = [];
    for (let i = 1; i <= p.residents; i++) {
      const userId = id.user();
      residents.push({ id: userId, community: rnd.pick(communities) });
      await users.add({ id: userId, openid: `dev-city-resident-${String(i).padStart(5, '0')}`, createdAt: at(rnd.int(1, 800)) });
    }
    const staffOf = new Map();
    for (const community of communities) {
      const userId = id.user();
      staffOf.set(community.id, userId);
      await users.add({ id: userId, openid: `dev-city-staff-${community.code.toLowerCase()}`, createdAt: at(900) });
      await roles.add({ id: id.role(), userId, role: 'community_staff', regionId: community.id, createdAt: at(900) });
    }
    for (const street of streets) {
      const userId = id.user();
      await users.add({ id: userId, openid: `dev-city-official-${String(street.index + 1).padStart(2, '0')}`, createdAt: at(900) });
      await roles.add({ id: id.role(), userId, role: 'street_official', regionId: street.id, createdAt: at(900) });
    }
    const committeeAdmin = id.user();
    await users.add({ id: committeeAdmin, openid: 'dev-city-committee', createdAt: at(900) });
    await roles.add({ id: id.role(), userId: committeeAdmin, role: 'committee_admin', regionId: cityId, createdAt: at(900) });
    done('users', await users.end());
    done('members', await members.end());
    done('role_assignments', await roles.end());

    // Wishes in every state, their claims (live and ended) and photos; confirmed ones credit the ledger.
    const wishes = writer('wishes', [
      'id',
      'communityId',
      'streetId',
      'residentUserId',
      'enteredByUserId',
      'title',
      'description',
      'category',
      'estimatedValueYuan',
      'beneficiaryMasked',
      'beneficiaryNameCipher',
      'contactPhoneCipher',
      'hardshipCipher',
      'consentVersion',
      'consentAt',
      'status',
      'holdReason',
      'rejectReason',
      'currentClaimId',
      'claimantKind',
      'claimantName',
      'claimDeadline',
      'fulfilmentNote',
      'rating',
      'thanks',
      'publishedAt',
      'claimedAt',
      'fulfilledAt',
      'confirmedAt',
      'createdAt',
      'updatedAt',
    ]);
    const claims = writer('wish_claims', [
      'id',
      'wishId',
      'liveWishId',
      'claimantKind',
      'memberId',
      'organisationId',
      'claimedByUserId',
      'status',
      'deadline',
      'remindedAt',
      'endedAt',
      'endReason',
      'createdAt',
    ]);
    const uploads = writer('uploads', ['id', 'ownerId', 'storageKey', 'thumbnailKey', 'contentType', 'bytes', 'width', 'height', 'sha256', 'attachedTo', 'createdAt']);
    const ledger = writer('ledger_entries', [
      'id',
      'memberId',
      'organisationId',
      'kind',
      'sourceType',
      'sourceId',
      'sequence',
      'valueYuan',
      'serviceMinutes',
      'description',
      'communityId',
      'streetId',
      'category',
      'branchId',
      'unitId',
      'correctsEntryId',
      'occurredAt',
      'createdAt',
    ]);
    const busy = memberList[0];
    let busyClaims = 0;
    const cumulative = [];
    let sum = 0;
    for (const [state, share] of STATES) cumulative.push([state, (sum += share)]);
    const pickState = () => {
      const r = rnd.random() * sum;
      return cumulative.find(([, c]) => r < c)[0];
    };
    const pickMember = (live) => {
      // The busy volunteer takes a steady share of finished claims; live claims respect the cap of 3.
      if (!live && busyClaims < p.busyMemberClaims && rnd.random() < (p.busyMemberClaims / p.wishes) * 1.6) {
        busyClaims++;
        return busy;
      }
      for (;;) {
        const m = memberList[(rnd.random() * memberList.length) | 0];
        if (!live || m.live < 3) return m;
      }
    };
    const claimIdOf = () => id.claim();
    for (let i = 0; i < p.wishes; i++) {
      const state = pickState();
      const community = communities[(rnd.random() * communities.length) | 0];
      const resident = rnd.random() < 0.85 ? residents[(rnd.random() * residents.length) | 0].id : null;
      const [title, category, description] = WISH_SAMPLES[(rnd.random() * WISH_SAMPLES.length) | 0];
      const who = nameCiphers[(rnd.random() * nameCiphers.length) | 0];
      const age =
        state === 'published'
          ? rnd.random() * 30
          : state === 'claimed'
            ? 2 + rnd.random() * 38
            : state === 'fulfilled' || state === 'disputed'
              ? 5 + rnd.random() * 55
              : state === 'submitted' || state === 'held'
                ? rnd.random() * 3
                : 20 + rnd.random() * 710;
      const createdAt = at(age);
      const reached = !['submitted', 'held', 'rejected'].includes(state);
      const publishedAt = reached ? new Date(createdAt.getTime() + (2 + rnd.random() * 20) * 3600 * 1000) : null;
      const claimedState = ['claimed', 'fulfilled', 'disputed', 'confirmed'].includes(state);
      const live = ['claimed', 'fulfilled', 'disputed'].includes(state);
      const byUnit = claimedState && rnd.random() < 0.08;
      const member = claimedState && !byUnit ? pickMember(live) : null;
      if (member && live) member.live++;
      const unit = byUnit ? units[(rnd.random() * units.length) | 0] : null;
      const claimedAt = claimedState ? new Date(publishedAt.getTime() + rnd.random() * 5 * DAY) : null;
      const deadline = claimedAt ? new Date(claimedAt.getTime() + 14 * DAY) : null;
      const fulfilledAt = ['fulfilled', 'disputed', 'confirmed'].includes(state) ? new Date(claimedAt.getTime() + (1 + rnd.random() * 9) * DAY) : null;
      const confirmedAt = state === 'confirmed' ? new Date(fulfilledAt.getTime() + rnd.random() * 4 * DAY) : null;
      const wishId = id.wish();
      const claimId = claimedState ? claimIdOf() : null;
      const claimant = member ? { kind: 'member', name: member.name } : unit ? { kind: 'organisation', name: unit.name } : null;
      const value = 30 + ((rnd.random() * 770) | 0);
      const enteredBy = resident ?? staffOf.get(community.id);
      await wishes.add({
        id: wishId,
        communityId: community.id,
        streetId: community.streetId,
        residentUserId: resident,
        enteredByUserId: enteredBy,
        title,
        description,
        category,
        estimatedValueYuan: value,
        beneficiaryMasked: who.masked,
        beneficiaryNameCipher: who.cipher,
        contactPhoneCipher: phoneCiphers[(rnd.random() * phoneCiphers.length) | 0],
        hardshipCipher: hardshipCiphers[(rnd.random() * hardshipCiphers.length) | 0],
        consentVersion: '2026-11-v1',
        consentAt: createdAt,
        status: state,
        holdReason: state === 'held' ? '内容安全检查提示需人工复核（review/100）' : null,
        rejectReason: state === 'rejected' ? '建议先由社区协调解决' : null,
        currentClaimId: live ? claimId : null,
        claimantKind: claimedState ? claimant.kind : null,
        claimantName: claimedState ? claimant.name : null,
        claimDeadline: live ? deadline : null,
        fulfilmentNote: fulfilledAt ? '已送到居民家中' : null,
        rating: confirmedAt ? 4 + ((rnd.random() * 2) | 0) : null,
        thanks: confirmedAt ? '谢谢党员同志！' : null,
        publishedAt,
        claimedAt,
        fulfilledAt,
        confirmedAt,
        createdAt,
        updatedAt: confirmedAt ?? fulfilledAt ?? claimedAt ?? publishedAt ?? createdAt,
      });
      // An earlier claim that ended (released or expired) before this one.
      if (claimedState && rnd.random() < p.endedClaimShare) {
        const earlier = pickMember(false);
        await claims.add({
          id: claimIdOf(),
          wishId,
          liveWishId: null,
          claimantKind: 'member',
          memberId: earlier.id,
          claimedByUserId: earlier.userId,
          status: rnd.random() < 0.5 ? 'released' : 'expired',
          deadline: new Date(publishedAt.getTime() + 14 * DAY),
          endedAt: new Date(publishedAt.getTime() + rnd.random() * DAY),
          endReason: '时间冲突，无法按时完成',
          createdAt: new Date(publishedAt.getTime() + 3600 * 1000),
        });
      }
      if (claimedState) {
        await claims.add({
          id: claimId,
          wishId,
          liveWishId: live ? wishId : null,
          claimantKind: claimant.kind,
          memberId: member?.id ?? null,
          organisationId: unit?.id ?? null,
          claimedByUserId: member?.userId ?? committeeAdmin,
          status: state === 'confirmed' ? 'completed' : state === 'claimed' ? 'open' : state === 'disputed' ? 'open' : 'fulfilled',
          deadline,
          remindedAt: live && deadline.getTime() - now.getTime() < 3 * DAY ? at(1) : null,
          endedAt: confirmedAt,
          createdAt: claimedAt,
        });
      }
      if (confirmedAt) {
        await ledger.add({
          id: id.ledger(),
          memberId: member?.id ?? null,
          organisationId: unit?.id ?? null,
          kind: 'wish_fulfilled',
          sourceType: 'wish',
          sourceId: wishId,
          valueYuan: value,
          serviceMinutes: 0,
          description: `圆梦微心愿：${title}`,
          communityId: community.id,
          streetId: community.streetId,
          branchId: member?.branchId ?? null,
          unitId: member?.unitId ?? unit?.id ?? null,
          sequence: 0,
          category: commitmentCategoryOfWish(category),
          occurredAt: confirmedAt,
          createdAt: confirmedAt,
        });
      }
      if (reached && rnd.random() < p.photoShare) {
        const uploadId = id.upload();
        await uploads.add({
          id: uploadId,
          ownerId: enteredBy,
          storageKey: `city/${uploadId}.jpg`,
          thumbnailKey: `city/${uploadId}-thumb.jpg`,
          contentType: 'image/jpeg',
          bytes: 40000 + ((rnd.random() * 60000) | 0),
          width: 1080,
          height: 810,
          sha256: `${uploadId.replace(/-/g, '')}${'0'.repeat(28)}`,
          attachedTo: `wish:${wishId}`,
          createdAt,
        });
      }
    }
    done('wishes', await wishes.end());
    done('wish_claims', await claims.end());
    done('uploads', await uploads.end());

    // Issue 9's programme at city scale (generator v2): co-building agreements with their resource lists (each
    // unit with two streets), past volunteer activities with their attendances (checked in and out) credited to
    // the ledger, service posts with holders and confirmed shifts, and pledges in every state (done ones
    // credited). Ledger entries carry where and for whom they counted (community, street, category, branch, unit).
    const dateOnly = (d) => d.toISOString().slice(0, 10);
    const agreements = writer('agreements', [
      'id',
      'organisationId',
      'unitId',
      'regionId',
      'streetId',
      'communityId',
      'status',
      'startDate',
      'endDate',
      'contactName',
      'contactPhoneCipher',
      'note',
      'proposerUserId',
      'proposerRole',
      'proposerName',
      'proposedAt',
      'countersignerUserId',
      'countersignerRole',
      'countersignerName',
      'countersignedAt',
      'createdAt',
      'updatedAt',
    ]);
    const commitments = writer('agreement_commitments', ['id', 'agreementId', 'position', 'category', 'description', 'quantity', 'unit']);
    for (const [u, unit] of units.entries()) {
      for (const s of [u % streets.length, (u + 7) % streets.length]) {
        const street = streets[s];
        const agreementId = id.ledger();
        const signed = at(200 + ((rnd.random() * 100) | 0));
        await agreements.add({
          id: agreementId,
          organisationId: unit.id,
          unitId: unit.id,
          regionId: street.id,
          streetId: street.id,
          communityId: null,
          status: 'in_force',
          startDate: dateOnly(signed),
          endDate: dateOnly(new Date(signed.getTime() + 3 * 365 * DAY)),
          contactName: nameCiphers[u % nameCiphers.length].name,
          contactPhoneCipher: phoneCiphers[u % phoneCiphers.length],
          proposerUserId: committeeAdmin,
          proposerRole: 'org_admin',
          proposerName: unit.name,
          proposedAt: new Date(signed.getTime() - 5 * DAY),
          countersignerUserId: committeeAdmin,
          countersignerRole: 'street_official',
          countersignerName: '街道党工委',
          countersignedAt: signed,
          createdAt: new Date(signed.getTime() - 5 * DAY),
          updatedAt: signed,
        });
        for (let k = 0; k < 4; k++) {
          const category = COMMITMENT_CATEGORIES[(u + s + k * 3) % COMMITMENT_CATEGORIES.length];
          await commitments.add({ id: id.ledger(), agreementId, position: k, category, description: `${category}服务`, quantity: 2 + ((rnd.random() * 20) | 0), unit: '次/年' });
        }
      }
    }
    done('agreements', await agreements.end());
    done('agreement_commitments', await commitments.end());

    const credit = (row) => ledger.add({ id: id.ledger(), organisationId: null, sequence: 0, valueYuan: 0, createdAt: row.occurredAt, ...row });
    const activities = writer('activities', [
      'id',
      'communityId',
      'streetId',
      'title',
      'type',
      'description',
      'placeName',
      'lat',
      'lng',
      'radiusM',
      'startAt',
      'endAt',
      'signupDeadline',
      'capacity',
      'taken',
      'attended',
      'walkInsAllowed',
      'status',
      'organiserUserId',
      'organiserName',
      'organisationId',
      'endedAt',
      'createdAt',
      'updatedAt',
    ]);
    const attendances = writer('activity_attendances', [
      'id',
      'activityId',
      'memberId',
      'status',
      'walkIn',
      'signedUpAt',
      'checkedInAt',
      'checkinLat',
      'checkinLng',
      'checkinAccuracyM',
      'checkinDistanceM',
      'checkedOutAt',
      'checkoutLat',
      'checkoutLng',
      'checkoutAccuracyM',
      'checkoutDistanceM',
      'createdAt',
      'updatedAt',
    ]);
    let busyActivities = 0;
    for (let i = 0; i < p.activities; i++) {
      const community = communities[(rnd.random() * communities.length) | 0];
      const type = ACTIVITY_TYPES[(rnd.random() * ACTIVITY_TYPES.length) | 0];
      const startAt = at(1 + rnd.random() * 720);
      const endAt = new Date(startAt.getTime() + (2 + ((rnd.random() * 3) | 0)) * 3600 * 1000);
      const activityId = id.ledger();
      const byUnit = rnd.random() < 0.2 ? units[(rnd.random() * units.length) | 0] : null;
      // Attendees: a run of distinct members (a stride through the roster), the busy volunteer in a share of them.
      const start = (rnd.random() * memberList.length) | 0;
      const stride = 1 + ((rnd.random() * 97) | 0);
      const attendees = [];
      for (let k = 0; k < p.attendeesPerActivity; k++) attendees.push(memberList[(start + k * stride) % memberList.length]);
      if (busyActivities < p.busyMemberActivities && rnd.random() < (p.busyMemberActivities / p.activities) * 1.5 && !attendees.includes(busy)) {
        attendees[0] = busy;
        busyActivities++;
      }
      const title = `${type}志愿服务`;
      await activities.add({
        id: activityId,
        communityId: community.id,
        streetId: community.streetId,
        title,
        type,
        description: '社区志愿服务活动',
        placeName: '党群服务中心',
        lat: 40.8,
        lng: 107.4,
        radiusM: 500,
        startAt,
        endAt,
        signupDeadline: startAt,
        capacity: p.attendeesPerActivity + 10,
        taken: attendees.length,
        // Every attendee checked out (the activity's count of attendances checked in or out).
        attended: attendees.length,
        walkInsAllowed: 0,
        status: 'ended',
        organiserUserId: staffOf.get(community.id),
        organiserName: byUnit ? byUnit.name : '社区党委',
        organisationId: byUnit?.id ?? null,
        endedAt: endAt,
        createdAt: new Date(startAt.getTime() - 7 * DAY),
        updatedAt: endAt,
      });
      for (const m of attendees) {
        const attendanceId = id.ledger();
        const inAt = new Date(startAt.getTime() - rnd.random() * 20 * 60_000);
        const outAt = new Date(endAt.getTime() + rnd.random() * 20 * 60_000);
        await attendances.add({
          id: attendanceId,
          activityId,
          memberId: m.id,
          status: 'checked_out',
          walkIn: 0,
          signedUpAt: new Date(startAt.getTime() - 3 * DAY),
          checkedInAt: inAt,
          checkinLat: 40.8,
          checkinLng: 107.4,
          checkinAccuracyM: 20,
          checkinDistanceM: 35,
          checkedOutAt: outAt,
          checkoutLat: 40.8,
          checkoutLng: 107.4,
          checkoutAccuracyM: 20,
          checkoutDistanceM: 35,
          createdAt: new Date(startAt.getTime() - 3 * DAY),
          updatedAt: outAt,
        });
        await credit({
          memberId: m.id,
          kind: 'activity_attendance',
          sourceType: 'activity_attendance',
          sourceId: attendanceId,
          serviceMinutes: Math.round((endAt.getTime() - startAt.getTime()) / 60_000),
          description: `志愿服务活动：${title}`,
          communityId: community.id,
          streetId: community.streetId,
          category: ACTIVITY_COMMITMENT_CATEGORY[type],
          branchId: m.branchId,
          unitId: m.unitId,
          occurredAt: startAt,
        });
      }
    }
    done('activities', await activities.end());
    done('activity_attendances', await attendances.end());

    // Service posts: five per community, each with holders (distinct members: one live post each) and their shifts.
    const posts = writer('service_posts', ['id', 'communityId', 'streetId', 'type', 'name', 'description', 'places', 'taken', 'createdByUserId', 'createdAt', 'updatedAt']);
    const holdings = writer('post_holdings', [
      'id',
      'postId',
      'memberId',
      'liveMemberId',
      'communityId',
      'streetId',
      'organisationId',
      'takenByUserId',
      'status',
      'startsOn',
      'endsOn',
      'createdAt',
      'updatedAt',
    ]);
    const shifts = writer('post_shifts', [
      'id',
      'holdingId',
      'postId',
      'memberId',
      'communityId',
      'streetId',
      'serviceDate',
      'minutes',
      'content',
      'status',
      'decidedByUserId',
      'decidedAt',
      'createdByUserId',
      'createdAt',
      'updatedAt',
    ]);
    let holder = 0;
    const shiftsPerHolding = Math.max(1, Math.round(p.shifts / (communities.length * 5 * 4)));
    for (const community of communities) {
      for (let k = 0; k < 5; k++) {
        const postId = id.ledger();
        const type = SERVICE_POST_TYPES[k % SERVICE_POST_TYPES.length];
        await posts.add({
          id: postId,
          communityId: community.id,
          streetId: community.streetId,
          type,
          name: type,
          description: `${type}：每周服务`,
          places: 6,
          taken: 4,
          createdByUserId: staffOf.get(community.id),
          createdAt: at(400),
          updatedAt: at(400),
        });
        for (let h = 0; h < 4; h++) {
          const m = holder === 0 ? busy : memberList[holder % memberList.length];
          holder++;
          if (holder > memberList.length) break;
          const holdingId = id.ledger();
          const since = at(300);
          await holdings.add({
            id: holdingId,
            postId,
            memberId: m.id,
            liveMemberId: m.id,
            communityId: community.id,
            streetId: community.streetId,
            organisationId: null,
            takenByUserId: m.userId,
            status: 'active',
            startsOn: dateOnly(since),
            endsOn: dateOnly(new Date(since.getTime() + 365 * DAY)),
            createdAt: since,
            updatedAt: since,
          });
          const count = m === busy ? p.busyMemberShifts : shiftsPerHolding;
          for (let j = 0; j < count; j++) {
            const day = at(1 + (j * 290) / count + rnd.random());
            const status = rnd.random() < 0.9 ? 'confirmed' : rnd.random() < 0.5 ? 'pending' : 'rejected';
            const shiftId = id.ledger();
            const minutes = 60 + ((rnd.random() * 4) | 0) * 30;
            await shifts.add({
              id: shiftId,
              holdingId,
              postId,
              memberId: m.id,
              communityId: community.id,
              streetId: community.streetId,
              serviceDate: dateOnly(day),
              minutes,
              content: '在岗服务',
              status,
              decidedByUserId: status === 'pending' ? null : staffOf.get(community.id),
              decidedAt: status === 'pending' ? null : day,
              createdByUserId: m.userId,
              createdAt: day,
              updatedAt: day,
            });
            if (status === 'confirmed') {
              await credit({
                memberId: m.id,
                kind: 'service_post_shift',
                sourceType: 'post_shift',
                sourceId: shiftId,
                serviceMinutes: minutes,
                description: `党员服务岗：${type}`,
                communityId: community.id,
                streetId: community.streetId,
                category: SERVICE_POST_COMMITMENT_CATEGORY[type],
                branchId: m.branchId,
                unitId: m.unitId,
                occurredAt: day,
              });
            }
          }
        }
      }
    }
    done('service_posts', await posts.end());
    done('post_holdings', await holdings.end());
    done('post_shifts', await shifts.end());

    // Pledges: this year's for a share of the members (the busy one too), in every state; done and assessed ones credited.
    const pledges = writer('pledges', [
      'id',
      'memberId',
      'year',
      'branchId',
      'communityId',
      'streetId',
      'content',
      'target',
      'dueDate',
      'category',
      'nameDisplay',
      'publicName',
      'status',
      'evidenceNote',
      'approvedByUserId',
      'submittedAt',
      'approvedAt',
      'doneAt',
      'assessedAt',
      'createdAt',
      'updatedAt',
    ]);
    const year = now.getUTCFullYear();
    const PLEDGE_STATES = ['submitted', 'returned', 'approved', 'approved', 'approved', 'done', 'assessed', 'assessed'];
    for (let i = 0; i < Math.min(p.pledges, memberList.length); i++) {
      const m = memberList[i];
      const status = i === 0 ? 'assessed' : PLEDGE_STATES[(rnd.random() * PLEDGE_STATES.length) | 0];
      const submittedAt = at(200 + rnd.random() * 100);
      const approvedAt = ['approved', 'done', 'assessed'].includes(status) ? new Date(submittedAt.getTime() + 3 * DAY) : null;
      const doneAt = ['done', 'assessed'].includes(status) ? at(5 + rnd.random() * 150) : null;
      const category = COMMITMENT_CATEGORIES[i % COMMITMENT_CATEGORIES.length];
      const pledgeId = id.ledger();
      await pledges.add({
        id: pledgeId,
        memberId: m.id,
        year,
        branchId: m.branchId,
        communityId: m.communityId,
        streetId: m.streetId,
        content: '每月参加一次社区志愿服务',
        target: '全年不少于 12 次',
        dueDate: `${year}-12-31`,
        category,
        nameDisplay: 'masked',
        publicName: maskName(m.name),
        status,
        evidenceNote: doneAt ? '已完成，附活动照片' : null,
        approvedByUserId: approvedAt ? committeeAdmin : null,
        submittedAt,
        approvedAt,
        doneAt,
        assessedAt: status === 'assessed' ? new Date(doneAt.getTime() + 2 * DAY) : null,
        createdAt: submittedAt,
        updatedAt: doneAt ?? approvedAt ?? submittedAt,
      });
      if (doneAt) {
        await credit({
          memberId: m.id,
          kind: 'pledge_done',
          sourceType: 'pledge',
          sourceId: pledgeId,
          serviceMinutes: 0,
          description: '一党员一践诺：践诺完成',
          communityId: m.communityId,
          streetId: m.streetId,
          category,
          branchId: m.branchId,
          unitId: m.unitId,
          occurredAt: doneAt,
        });
      }
    }
    done('pledges', await pledges.end());

    // Unit project updates (一支部一实事).
    for (let i = 0; i < p.projectUpdates; i++) {
      const unit = units[(rnd.random() * units.length) | 0];
      const occurredAt = at(rnd.random() * 730);
      await credit({
        organisationId: unit.id,
        kind: 'project_update',
        sourceType: 'project_update',
        sourceId: id.ledger(),
        serviceMinutes: 0,
        description: '民生实事进展',
        unitId: unit.id,
        occurredAt,
      });
    }
    done('ledger_entries', await ledger.end());
    // The ledger's rollups, from the entries just written: the server's own backfill (its migration ran on empty tables).
    for (const sql of serverModule('modules/ledger/ledger-totals.js').LEDGER_TOTALS_BACKFILL('mysql')) await conn.query(sql);
    // The wishes' rollups likewise, from the wishes written above, and their stored durations with the histogram (the medians).
    for (const sql of serverModule('modules/wishes/wish-rollups.js').WISH_ROLLUPS_BACKFILL('mysql')) await conn.query(sql);
    for (const sql of serverModule('database/migrations/wish-durations-backfill.js').WISH_DURATIONS_BACKFILL('mysql')) await conn.query(sql);
    // And the agreements' delivery, from the entries and agreements just written (the server's own backfill).
    await serverModule('modules/agreements/agreement-deliveries.js').backfillAgreementDeliveries(async (sql, params) => (await conn.query(sql, params))[0], 'mysql');
    await conn.query(
      'ANALYZE TABLE regions, users, members, role_assignments, wishes, wish_state_months, wish_event_months, wish_duration_buckets, wish_claims, uploads, ledger_entries, agreements, agreement_commitments, activities, activity_attendances, service_posts, post_holdings, post_shifts, pledges',
    );
    return counts;
  } finally {
    await conn.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const result = await ensureCity({ db: arg('db', CITY_DB), seed: arg('seed', DEFAULT_SEED), scale: Number(arg('scale', '1')), force: process.argv.includes('--force') });
  console.log(result.reused ? `Kept ${arg('db', CITY_DB)} (${result.key})` : `Generated ${arg('db', CITY_DB)} (${result.key}) in ${(result.ms / 1000).toFixed(0)} s`, result.counts);
}
