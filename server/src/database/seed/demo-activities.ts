import { ACTIVITY_COMMITMENT_CATEGORY, CHECKIN_RULES, type ActivityType, type CommitmentCategory, type HoursStatus } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { ActivityAttendanceEntity, newAttendance } from '../../modules/activities/entities/activity-attendance.entity';
import { ActivityHoursEntity } from '../../modules/activities/entities/activity-hours.entity';
import { ActivityEntity } from '../../modules/activities/entities/activity.entity';
import { LedgerEntryEntity } from '../../modules/ledger/ledger-entry.entity';
import { TimelineEventEntity } from '../../modules/workflow/timeline-event.entity';
import { type DemoSeeder } from './demo-kit';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface DemoActivity {
  code: string;
  organiser: string;
  title: string;
  type: ActivityType;
  place: string;
  /** Minutes from seed time to the start (negative: in the past). */
  startIn: number;
  minutes: number;
  capacity: number;
  walkIns?: boolean;
  description: string;
  /** Attendees: persona, and how they attended (past activities) or just signed up. */
  attendees?: Array<{ who: string; checkedOut?: boolean; hours?: HoursStatus; adjusted?: number; reason?: string }>;
  signedUp?: string[];
  /** Organised by this partner unit (its org admin publishes under an agreement in force), delivering the commitment so described. */
  unit?: { name: string; commitment: string };
}

const ACTIVITIES: DemoActivity[] = [
  {
    code: 'KDSQ01',
    organiser: 'dev:staff',
    title: '普法宣传进社区',
    type: '普法宣传',
    place: '康都小区中心广场',
    startIn: -12 * 24 * 60,
    minutes: 120,
    capacity: 20,
    description: '发放《民法典》宣传册，现场解答居民关心的婚姻家庭、邻里纠纷等法律问题。',
    attendees: ['dev:member-01', 'dev:member-02', 'dev:member-03', 'dev:member-06', 'dev:member-11'].map((who) => ({ who, checkedOut: true, hours: 'approved' as const })),
  },
  {
    code: 'JLSQ01',
    organiser: 'dev:staff-jl',
    title: '健康义诊：免费测血压',
    type: '健康义诊',
    place: '江林社区党群服务中心',
    startIn: -20 * 24 * 60,
    minutes: 180,
    capacity: 10,
    description: '为社区老人免费测量血压、血糖，讲解慢病用药常识。',
    attendees: [
      { who: 'dev:member-02', checkedOut: true, hours: 'approved' },
      { who: 'dev:member-07', checkedOut: true, hours: 'approved' },
      { who: 'dev:member-08', checkedOut: true, hours: 'adjusted', adjusted: 120, reason: '中途离开一小时，按实际服务时长核定' },
    ],
  },
  {
    code: 'KDSQ01',
    organiser: 'dev:staff',
    title: '环境整治：清理楼道杂物',
    type: '环境整治',
    place: '康都小区 3 号楼、6 号楼',
    startIn: -26 * 60,
    minutes: 90,
    capacity: 15,
    description: '清理楼道堆放的杂物，消除消防隐患。',
    // Ended yesterday: its hours wait for dev:staff's review (one 未签退).
    attendees: [
      { who: 'dev:member-03', checkedOut: true, hours: 'pending' },
      { who: 'dev:member-04', checkedOut: true, hours: 'pending' },
      { who: 'dev:member-05', checkedOut: false, hours: 'pending' },
    ],
  },
  {
    code: 'KDSQ01',
    organiser: 'dev:staff',
    title: '政策宣讲：惠民政策进万家',
    type: '政策宣讲',
    place: '康都社区党群服务中心二楼',
    // Today, under way: a tester can check in now (walk-ins allowed, the place is the community's point).
    startIn: -10,
    minutes: 180,
    capacity: 30,
    walkIns: true,
    description: '讲解医保、养老、就业等惠民政策，现场解答居民问题。现场可直接签到。',
    signedUp: ['dev:member-12', 'dev:member-13', 'dev:member-14'],
  },
  {
    code: 'KDSQ01',
    organiser: 'dev:staff',
    title: '帮扶慰问独居老人',
    type: '帮扶慰问',
    place: '康都小区（社区统一出发）',
    startIn: 3 * 24 * 60,
    minutes: 120,
    capacity: 8,
    description: '上门看望独居老人，帮忙打扫卫生、检查水电燃气安全。',
    signedUp: ['dev:member-06'],
  },
  {
    code: 'JLSQ01',
    organiser: 'dev:staff-jl',
    title: '爱国卫生：江林小区绿化补植',
    type: '爱国卫生',
    place: '江林小区北门绿地',
    startIn: 6 * 24 * 60,
    minutes: 150,
    capacity: 25,
    walkIns: true,
    description: '补植绿篱、清理绿地垃圾，共建整洁家园。',
  },
  // 市林草局 (dev:org-admin) in 车站街道, under its agreement in force: one done (counted against its greening
  // commitment), one coming (its visits to families in need).
  {
    code: 'XYEQ01',
    organiser: 'dev:org-admin',
    unit: { name: '市林草局', commitment: '西苑二区改造绿化补植金叶白蜡、侧柏' },
    title: '西苑二区绿化补植',
    type: '环境整治',
    place: '西苑二区中心绿地',
    startIn: -9 * 24 * 60,
    minutes: 180,
    capacity: 20,
    description: '补植金叶白蜡、侧柏，林草局技术人员现场指导栽植和养护。',
    attendees: ['dev:member-25', 'dev:member-31', 'dev:member-37'].map((who) => ({ who, checkedOut: true, hours: 'approved' as const })),
  },
  {
    code: 'ZQSQ01',
    organiser: 'dev:org-admin',
    unit: { name: '市林草局', commitment: '节日走访慰问困难家庭' },
    title: '元旦走访慰问困难家庭',
    type: '帮扶慰问',
    place: '站前社区党群服务中心（统一出发）',
    startIn: 10 * 24 * 60,
    minutes: 120,
    capacity: 6,
    description: '携米面油走访慰问困难家庭，了解生活困难并登记微心愿。',
    signedUp: ['dev:member-31'],
  },
];

/** The commitment a unit's demo activity delivers: by its description, in the unit's agreement in force there. */
async function commitmentOf(manager: EntityManager, unitId: string, streetId: string, description: string): Promise<{ id: string; category: CommitmentCategory }> {
  const rows: Array<{ id: string; category: CommitmentCategory }> = await manager.query(
    'SELECT `c`.`id` AS `id`, `c`.`category` AS `category` FROM `agreement_commitments` `c` JOIN `agreements` `a` ON `a`.`id` = `c`.`agreementId` ' +
      'WHERE `a`.`unitId` = ? AND `a`.`streetId` = ? AND `a`.`status` = ? AND `c`.`description` = ?',
    [unitId, streetId, 'in_force', description],
  );
  if (!rows.length) throw new Error(`demo: no commitment “${description}” in force`);
  return rows[0];
}

/** Volunteer activities: past ones with attendance and credited hours, one under way today in 康都社区, upcoming ones. */
export const seedDemoActivities: DemoSeeder = async (manager, now, regions, organisations, people) => {
  for (const demo of ACTIVITIES) {
    const community = regions.get(demo.code)!;
    const streetId = pathIds(community.path).at(-2)!;
    const organiser = people.get(demo.organiser)!;
    const startAt = new Date(now.getTime() + demo.startIn * MINUTE);
    const endAt = new Date(startAt.getTime() + demo.minutes * MINUTE);
    const ended = endAt.getTime() + CHECKIN_RULES.checkoutClosesAfterEndMinutes * MINUTE < now.getTime();
    const published = new Date(startAt.getTime() - 5 * DAY);
    const id = newId();
    const attendees = demo.attendees ?? [];
    const signedUp = demo.signedUp ?? [];
    const unit = demo.unit ? organisations.get(demo.unit.name)! : null;
    const commitment = unit ? await commitmentOf(manager, unit.id, streetId, demo.unit!.commitment) : null;
    const organiserName = unit?.name ?? community.name;
    const actor = { actorUserId: organiser.userId, actorRole: unit ? 'org_admin' : 'community_staff', actorName: organiserName };
    await manager.insert(ActivityEntity, {
      id,
      communityId: community.id,
      streetId,
      title: demo.title,
      type: demo.type,
      description: demo.description,
      placeName: demo.place,
      lat: community.lat!,
      lng: community.lng!,
      radiusM: community.checkinRadiusM ?? 500,
      startAt,
      endAt,
      signupDeadline: demo.walkIns ? endAt : startAt,
      capacity: demo.capacity,
      taken: attendees.length + signedUp.length,
      attended: attendees.length,
      walkInsAllowed: demo.walkIns ?? false,
      status: ended ? 'ended' : 'published',
      organiserUserId: organiser.userId,
      organiserName,
      organisationId: unit?.id ?? null,
      commitmentId: commitment?.id ?? null,
      cancelReason: null,
      endedAt: ended ? new Date(endAt.getTime() + 2 * 60 * MINUTE) : null,
      createdAt: published,
      updatedAt: now,
    });
    const timeline = [{ action: 'publish', from: null as string | null, to: 'published', at: published }];
    if (ended) timeline.push({ action: 'end', from: 'published', to: 'ended', at: new Date(endAt.getTime() + 2 * 60 * MINUTE) });
    for (const e of timeline) {
      await manager.insert(TimelineEventEntity, { id: newId(), subjectType: 'activity', subjectId: id, action: e.action, fromStatus: e.from, toStatus: e.to, ...actor, note: null, createdAt: e.at });
    }

    const base = (who: string): ActivityAttendanceEntity => {
      const signedUpAt = new Date(published.getTime() + DAY);
      return newAttendance(id, people.get(who)!.memberId!, 'signed_up', now, { signedUpAt, createdAt: signedUpAt });
    };
    if (ended && unit && commitment) {
      // The unit's credit the end writes (activity.delivered → ActivityCreditsSubscriber): one more service delivered.
      await manager.insert(LedgerEntryEntity, {
        id: newId(),
        memberId: null,
        organisationId: unit.id,
        kind: 'activity_organised',
        sourceType: 'activity',
        sourceId: id,
        sequence: 0,
        valueYuan: 0,
        serviceMinutes: 0,
        description: `组织志愿服务活动：${demo.title}`,
        communityId: community.id,
        streetId,
        category: commitment.category,
        branchId: null,
        unitId: unit.id,
        correctsEntryId: null,
        reason: null,
        createdByUserId: null,
        occurredAt: startAt,
        createdAt: new Date(endAt.getTime() + 2 * 60 * MINUTE),
      });
    }
    for (const who of signedUp) await manager.insert(ActivityAttendanceEntity, base(who));
    for (const a of attendees) {
      const person = people.get(a.who)!;
      const checkedInAt = new Date(startAt.getTime() - 5 * MINUTE);
      const checkedOutAt = a.checkedOut ? new Date(endAt.getTime() + 3 * MINUTE) : null;
      const row: ActivityAttendanceEntity = {
        ...base(a.who),
        status: a.checkedOut ? 'checked_out' : 'checked_in',
        checkedInAt,
        checkinLat: community.lat! + 0.0004,
        checkinLng: community.lng! - 0.0003,
        checkinAccuracyM: 25,
        checkinDistanceM: 50,
        checkedOutAt,
        checkoutLat: checkedOutAt ? community.lat! : null,
        checkoutLng: checkedOutAt ? community.lng! : null,
        checkoutAccuracyM: checkedOutAt ? 30 : null,
        checkoutDistanceM: checkedOutAt ? 12 : null,
      };
      await manager.insert(ActivityAttendanceEntity, row);
      if (!a.hours) continue;
      const minutes = demo.minutes;
      const credited = a.hours === 'adjusted' ? a.adjusted! : minutes;
      const reviewedAt = a.hours === 'pending' ? null : new Date(endAt.getTime() + DAY);
      await manager.insert(ActivityHoursEntity, {
        id: row.id,
        activityId: id,
        memberId: row.memberId,
        status: a.hours,
        computedMinutes: minutes,
        minutes: credited,
        missingCheckout: !a.checkedOut,
        reason: a.reason ?? null,
        reviewedByUserId: reviewedAt ? organiser.userId : null,
        reviewedAt,
        dueAt: new Date(endAt.getTime() + CHECKIN_RULES.autoApproveDays * DAY),
        createdAt: new Date(endAt.getTime() + 2 * 60 * MINUTE),
        updatedAt: reviewedAt ?? now,
      });
      if (a.hours !== 'approved' && a.hours !== 'adjusted') continue;
      // The entry the approval's credit writes (ActivityCreditsSubscriber).
      await manager.insert(LedgerEntryEntity, {
        id: newId(),
        memberId: row.memberId,
        organisationId: null,
        kind: 'activity_attendance',
        sourceType: 'activity_attendance',
        sourceId: row.id,
        sequence: 0,
        valueYuan: 0,
        serviceMinutes: credited,
        description: `志愿服务活动：${demo.title}`,
        communityId: community.id,
        streetId,
        category: ACTIVITY_COMMITMENT_CATEGORY[demo.type],
        branchId: person.branchId,
        unitId: person.unitId,
        correctsEntryId: null,
        reason: null,
        createdByUserId: null,
        occurredAt: startAt,
        createdAt: reviewedAt!,
      });
    }
  }
};
