import { Injectable } from '@nestjs/common';
import type { ActivityStatus, AttendanceStatus } from '@nuancheng/shared';
import type { SqlCondition } from '../../common/access/list-scope';
import { datetimeOf, datetimeParam } from '../../common/exports/export-scope';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { ActivityAttendanceEntity } from './entities/activity-attendance.entity';
import { ActivityHoursEntity } from './entities/activity-hours.entity';
import { ActivityEntity } from './entities/activity.entity';

export interface ActivityFilter {
  communityId?: string;
  streetId?: string;
  /** Activities a partner unit organises. */
  organisationId?: string;
  /** Sort by (approximate planar) distance from this point; the exact distance is computed for display. */
  near?: { lat: number; lng: number };
  when: 'upcoming' | 'past';
  now: Date;
}

/** Live attendances hold a place and may check in or out. */
export const LIVE_ATTENDANCE: AttendanceStatus[] = ['signed_up', 'checked_in', 'checked_out'];
/** Attendances that count as attending (the activity's `attended`, the dashboard's attendances). */
export const ATTENDED_STATUSES: AttendanceStatus[] = ['checked_in', 'checked_out'];
export const isAttended = (status: AttendanceStatus) => ATTENDED_STATUSES.includes(status);

/** Every query of activities, attendances and hours. */
/** One activity as the activities export writes it. */
export interface ActivityExportRow {
  id: string;
  title: string;
  type: string;
  status: ActivityStatus;
  community: string | null;
  street: string | null;
  placeName: string;
  startAt: Date;
  endAt: Date;
  organiserName: string;
  organisation: string | null;
  capacity: number;
  taken: number;
  attended: number;
}

/** One attendance (a member at an activity) as the activities export writes it. */
export interface AttendanceExportRow {
  id: string;
  activity: string;
  startAt: Date;
  community: string | null;
  memberName: string;
  branch: string | null;
  status: AttendanceStatus;
  walkIn: boolean;
  signedUpAt: Date | null;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  manualReason: string | null;
}

@Injectable()
export class ActivitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Date → a datetime parameter for raw SQL, as TypeORM persists it (a Date for MariaDB, a UTC string for SQLite). */
  sqlDate(date: Date): unknown {
    return datetimeParam(this.dataSource, ActivityEntity, 'startAt', date);
  }

  insertActivity(manager: EntityManager, activity: ActivityEntity): Promise<unknown> {
    return manager.insert(ActivityEntity, activity);
  }

  findActivity(manager: EntityManager, id: string): Promise<ActivityEntity | null> {
    return manager.findOneBy(ActivityEntity, { id });
  }

  activitiesByIds(manager: EntityManager, ids: string[]): Promise<ActivityEntity[]> {
    return ids.length ? manager.findBy(ActivityEntity, { id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /**
   * Takes one place if one is left: a conditional increment, which the database applies to the latest committed
   * row (InnoDB locks it for the rest of the transaction), so simultaneous sign-ups queue here and the last place
   * goes to exactly one of them.
   */
  async takePlace(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ActivityEntity)
      .set({ taken: () => '`taken` + 1' })
      .where('id = :id AND status = :status AND taken < capacity', { id, status: 'published' })
      .execute();
    return result.affected === 1;
  }

  async releasePlace(manager: EntityManager, id: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ActivityEntity)
      .set({ taken: () => '`taken` - 1' })
      .where('id = :id AND taken > 0', { id })
      .execute();
  }

  findAttendance(manager: EntityManager, activityId: string, memberId: string): Promise<ActivityAttendanceEntity | null> {
    return manager.findOneBy(ActivityAttendanceEntity, { activityId, memberId });
  }

  findAttendanceById(manager: EntityManager, id: string): Promise<ActivityAttendanceEntity | null> {
    return manager.findOneBy(ActivityAttendanceEntity, { id });
  }

  /**
   * Inserts an attendance; false when the member already has one at this activity (the unique index referees races).
   * A walk-in inserted checked in counts on the activity's `attended` in the same transaction.
   */
  async insertAttendance(manager: EntityManager, attendance: ActivityAttendanceEntity): Promise<boolean> {
    try {
      await manager.insert(ActivityAttendanceEntity, attendance);
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    if (isAttended(attendance.status)) await this.countAttended(manager, attendance.activityId, 1);
    return true;
  }

  /** Moves the activity's `attended` by `delta` (call in the transaction that moves the attendance). */
  async countAttended(manager: EntityManager, activityId: string, delta: number): Promise<void> {
    if (!delta) return;
    await manager
      .createQueryBuilder()
      .update(ActivityEntity)
      .set({ attended: () => `\`attended\` + ${Math.trunc(delta)}` })
      .where('id = :id', { id: activityId })
      .execute();
  }

  attendancesOf(manager: EntityManager, activityId: string): Promise<ActivityAttendanceEntity[]> {
    return manager.find(ActivityAttendanceEntity, { where: { activityId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  myAttendances(memberIds: string[], activityIds: string[], manager: EntityManager = this.dataSource.manager): Promise<ActivityAttendanceEntity[]> {
    if (!memberIds.length || !activityIds.length) return Promise.resolve([]);
    return manager.findBy(ActivityAttendanceEntity, { memberId: In(memberIds), activityId: In(activityIds) });
  }

  /** A page of activities and the total. Upcoming: not over and not cancelled, soonest first (or nearest first). */
  async list(filter: ActivityFilter, page: number, pageSize: number): Promise<{ rows: ActivityEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(ActivityEntity).createQueryBuilder('a');
    if (filter.when === 'upcoming') qb.where('a.status = :status AND a.endAt >= :now', { status: 'published', now: this.sqlDate(filter.now) });
    else qb.where("(a.status <> 'published' OR a.endAt < :now)", { now: this.sqlDate(filter.now) });
    if (filter.communityId) qb.andWhere('a.communityId = :communityId', { communityId: filter.communityId });
    if (filter.streetId) qb.andWhere('a.streetId = :streetId', { streetId: filter.streetId });
    if (filter.organisationId) qb.andWhere('a.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.near) {
      // Planar distance in degrees with longitude scaled by cos(latitude): enough to order a city's activities.
      const k = Math.cos((filter.near.lat * Math.PI) / 180);
      qb.addSelect(`((a.lat - :nlat) * (a.lat - :nlat) + (a.lng - :nlng) * (a.lng - :nlng) * ${k * k})`, 'd')
        .setParameters({ nlat: filter.near.lat, nlng: filter.near.lng })
        .orderBy('d', 'ASC')
        .addOrderBy('a.startAt', 'ASC');
    } else qb.orderBy('a.startAt', filter.when === 'upcoming' ? 'ASC' : 'DESC');
    qb.addOrderBy('a.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize);
    const [rows, total] = await Promise.all([qb.getMany(), qb.clone().offset(undefined).limit(undefined).orderBy().getCount()]);
    return { rows, total };
  }

  /** A member's attendances (not cancelled), newest activity first, with the total. */
  async attendancePage(memberId: string, page: number, pageSize: number): Promise<{ rows: ActivityAttendanceEntity[]; total: number }> {
    const [rows, total] = await this.dataSource.getRepository(ActivityAttendanceEntity).findAndCount({
      where: { memberId, status: In(LIVE_ATTENDANCE) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { rows, total };
  }

  /** Activities still open whose check-out closed before `before`: the job ends them. */
  activitiesToEnd(before: Date, limit = 200): Promise<ActivityEntity[]> {
    return this.dataSource.getRepository(ActivityEntity).find({ where: { status: 'published', endAt: LessThanOrEqual(before) }, order: { endAt: 'ASC' }, take: limit });
  }

  insertHours(manager: EntityManager, rows: ActivityHoursEntity[]): Promise<unknown> {
    return rows.length ? manager.insert(ActivityHoursEntity, rows) : Promise.resolve();
  }

  hoursOf(manager: EntityManager, activityId: string): Promise<ActivityHoursEntity[]> {
    return manager.findBy(ActivityHoursEntity, { activityId });
  }

  hoursByIds(manager: EntityManager, ids: string[]): Promise<ActivityHoursEntity[]> {
    return ids.length ? manager.findBy(ActivityHoursEntity, { id: In(ids) }) : Promise.resolve([]);
  }

  findHours(manager: EntityManager, id: string): Promise<ActivityHoursEntity | null> {
    return manager.findOneBy(ActivityHoursEntity, { id });
  }

  /** Hours nobody reviewed in time. */
  dueHours(now: Date, limit = 500): Promise<ActivityHoursEntity[]> {
    return this.dataSource.getRepository(ActivityHoursEntity).find({ where: { status: 'pending', dueAt: LessThanOrEqual(now) }, order: { dueAt: 'ASC', id: 'ASC' }, take: limit });
  }
  /** One page of the export's activities: starting in [from, to) inside `scope` (a condition on `a`), in id order after the cursor. */
  async exportActivities(scope: SqlCondition, from: Date, to: Date, afterId: string | null, limit: number): Promise<ActivityExportRow[]> {
    const ds = this.dataSource;
    const rows: Array<Record<string, unknown>> = await ds.manager.query(
      'SELECT `a`.`id` AS `id`, `a`.`title` AS `title`, `a`.`type` AS `type`, `a`.`status` AS `status`, `c`.`name` AS `community`, `s`.`name` AS `street`, `a`.`placeName` AS `placeName`, ' +
        '`a`.`startAt` AS `startAt`, `a`.`endAt` AS `endAt`, `a`.`organiserName` AS `organiserName`, `o`.`name` AS `organisation`, `a`.`capacity` AS `capacity`, `a`.`taken` AS `taken`, ' +
        "(SELECT COUNT(*) FROM `activity_attendances` `t` WHERE `t`.`activityId` = `a`.`id` AND `t`.`status` IN ('checked_in', 'checked_out')) AS `attended` " +
        'FROM `activities` `a` LEFT JOIN `regions` `c` ON `c`.`id` = `a`.`communityId` LEFT JOIN `regions` `s` ON `s`.`id` = `a`.`streetId` ' +
        'LEFT JOIN `organisations` `o` ON `o`.`id` = `a`.`organisationId` ' +
        `WHERE \`a\`.\`startAt\` >= ? AND \`a\`.\`startAt\` < ? AND ${scope.sql}${afterId ? ' AND `a`.`id` > ?' : ''} ORDER BY \`a\`.\`id\` ASC LIMIT ${Number(limit)}`,
      [datetimeParam(ds, ActivityEntity, 'startAt', from), datetimeParam(ds, ActivityEntity, 'startAt', to), ...scope.params, ...(afterId ? [afterId] : [])],
    );
    const date = (v: unknown) => datetimeOf(ds, ActivityEntity, 'startAt', v)!;
    return rows.map((r) => ({
      id: r.id as string,
      title: r.title as string,
      type: r.type as string,
      status: r.status as ActivityStatus,
      community: (r.community as string | null) ?? null,
      street: (r.street as string | null) ?? null,
      placeName: r.placeName as string,
      startAt: date(r.startAt),
      endAt: date(r.endAt),
      organiserName: r.organiserName as string,
      organisation: (r.organisation as string | null) ?? null,
      capacity: Number(r.capacity),
      taken: Number(r.taken),
      attended: Number(r.attended),
    }));
  }

  /** One page of the export's attendance: of activities starting in [from, to), inside `scope` (a condition on `a` or `m`), in id order. */
  async exportAttendance(scope: SqlCondition, from: Date, to: Date, afterId: string | null, limit: number): Promise<AttendanceExportRow[]> {
    const ds = this.dataSource;
    const rows: Array<Record<string, unknown>> = await ds.manager.query(
      'SELECT `t`.`id` AS `id`, `a`.`title` AS `activity`, `a`.`startAt` AS `startAt`, `c`.`name` AS `community`, `m`.`name` AS `memberName`, `b`.`name` AS `branch`, ' +
        '`t`.`status` AS `status`, `t`.`walkIn` AS `walkIn`, `t`.`signedUpAt` AS `signedUpAt`, `t`.`checkedInAt` AS `checkedInAt`, `t`.`checkedOutAt` AS `checkedOutAt`, `t`.`manualReason` AS `manualReason` ' +
        'FROM `activity_attendances` `t` INNER JOIN `activities` `a` ON `a`.`id` = `t`.`activityId` INNER JOIN `members` `m` ON `m`.`id` = `t`.`memberId` ' +
        'LEFT JOIN `regions` `c` ON `c`.`id` = `a`.`communityId` LEFT JOIN `organisations` `b` ON `b`.`id` = `m`.`branchId` ' +
        `WHERE \`a\`.\`startAt\` >= ? AND \`a\`.\`startAt\` < ? AND ${scope.sql}${afterId ? ' AND `t`.`id` > ?' : ''} ORDER BY \`t\`.\`id\` ASC LIMIT ${Number(limit)}`,
      [datetimeParam(ds, ActivityEntity, 'startAt', from), datetimeParam(ds, ActivityEntity, 'startAt', to), ...scope.params, ...(afterId ? [afterId] : [])],
    );
    const date = (v: unknown) => datetimeOf(ds, ActivityAttendanceEntity, 'checkedInAt', v);
    return rows.map((r) => ({
      id: r.id as string,
      activity: r.activity as string,
      startAt: datetimeOf(ds, ActivityEntity, 'startAt', r.startAt)!,
      community: (r.community as string | null) ?? null,
      memberName: r.memberName as string,
      branch: (r.branch as string | null) ?? null,
      status: r.status as AttendanceStatus,
      walkIn: r.walkIn === true || Number(r.walkIn) === 1,
      signedUpAt: date(r.signedUpAt),
      checkedInAt: date(r.checkedInAt),
      checkedOutAt: date(r.checkedOutAt),
      manualReason: (r.manualReason as string | null) ?? null,
    }));
  }
}
