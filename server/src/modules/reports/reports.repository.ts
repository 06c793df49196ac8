import { Injectable } from '@nestjs/common';
import type { ReportStatus } from '@nuancheng/shared';
import { EntityManager, In, IsNull } from 'typeorm';
import type { SqlCondition } from '../../common/access/list-scope';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { datetimeOf } from '../../common/exports/export-scope';
import { newId } from '../../common/ids';
import { MemberReportEntity } from './member-report.entity';
import { ReportAssessmentEntity } from './report-assessment.entity';
import { ReportReminderEntity } from './report-reminder.entity';
import { ReportVersionEntity } from './report-version.entity';

export interface ReportFilters {
  period?: string;
  status?: ReportStatus;
  branchId?: string;
}

/** Every query of member_reports, report_versions, report_assessments and report_reminders. */
/** One report as the reports export writes it. */
export interface ReportExportRow {
  id: string;
  period: string;
  status: ReportStatus;
  memberName: string;
  branch: string | null;
  unit: string | null;
  figures: string;
  version: number;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
}

@Injectable()
export class ReportsRepository {
  findReport(manager: EntityManager, id: string): Promise<MemberReportEntity | null> {
    return manager.findOneBy(MemberReportEntity, { id });
  }

  /** Inserts a new report; false when the member already has one for the period (the unique index referees races). */
  async insertReport(manager: EntityManager, report: MemberReportEntity): Promise<boolean> {
    try {
      await manager.insert(MemberReportEntity, report);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  findOfMember(manager: EntityManager, memberId: string, period: string): Promise<MemberReportEntity | null> {
    return manager.findOneBy(MemberReportEntity, { memberId, period });
  }

  /** A member's reports, newest period first. */
  ofMember(manager: EntityManager, memberId: string): Promise<MemberReportEntity[]> {
    return manager.find(MemberReportEntity, { where: { memberId }, order: { period: 'DESC' } });
  }

  /** Reports of these members for one period, by member. */
  /** A period's reports waiting for review (few: each is reviewed within days), by (period, status). */
  submittedIn(manager: EntityManager, period: string): Promise<MemberReportEntity[]> {
    return manager.findBy(MemberReportEntity, { period, status: 'submitted' });
  }

  async ofMembers(manager: EntityManager, memberIds: string[], period: string): Promise<Map<string, MemberReportEntity>> {
    if (!memberIds.length) return new Map();
    const rows: MemberReportEntity[] = [];
    for (let i = 0; i < memberIds.length; i += 500) rows.push(...(await manager.findBy(MemberReportEntity, { memberId: In(memberIds.slice(i, i + 500)), period })));
    return new Map(rows.map((r) => [r.memberId, r]));
  }

  /**
   * Changes the working copy while it is still the author's (draft or returned): conditional on the state, so a
   * report submitted meanwhile is not edited behind the reviewer's back.
   */
  async updateWorking(manager: EntityManager, id: string, status: ReportStatus, changes: Partial<MemberReportEntity>): Promise<boolean> {
    const result = await manager.update(MemberReportEntity, { id, status }, changes);
    return Boolean(result.affected);
  }

  /** One page of reports the caller may see (`scope`: a list-scope condition on `r`.`branchId`). */
  async page(manager: EntityManager, scope: SqlCondition, filters: ReportFilters, page: number, pageSize: number): Promise<{ rows: MemberReportEntity[]; total: number }> {
    const parts = [scope.sql];
    const params = [...scope.params];
    for (const [column, value] of [
      ['period', filters.period],
      ['status', filters.status],
      ['branchId', filters.branchId],
    ] as const) {
      if (!value) continue;
      parts.push(`\`r\`.\`${column}\` = ?`);
      params.push(value);
    }
    const where = parts.join(' AND ');
    const [ids, count]: [Array<{ id: string }>, Array<{ n: number | string }>] = await Promise.all([
      manager.query(
        `SELECT \`r\`.\`id\` AS \`id\` FROM \`member_reports\` \`r\` WHERE ${where} ORDER BY \`r\`.\`updatedAt\` DESC, \`r\`.\`id\` DESC LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
        params,
      ),
      manager.query(`SELECT COUNT(*) AS \`n\` FROM \`member_reports\` \`r\` WHERE ${where}`, params),
    ]);
    const rows = ids.length ? await manager.findBy(MemberReportEntity, { id: In(ids.map((r) => r.id)) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { rows: ids.map((r) => byId.get(r.id)!).filter(Boolean), total: Number(count[0]?.n ?? 0) };
  }

  /** Of these members, those whose report for the period is in (submitted or approved). */
  async inMemberIds(manager: EntityManager, memberIds: string[], period: string): Promise<Set<string>> {
    const done = new Set<string>();
    for (let i = 0; i < memberIds.length; i += 500) {
      const rows = await manager.find(MemberReportEntity, { where: { memberId: In(memberIds.slice(i, i + 500)), period, status: In(['submitted', 'approved']) }, select: ['memberId'] });
      for (const r of rows) done.add(r.memberId);
    }
    return done;
  }

  // ---------- versions ----------

  insertVersion(manager: EntityManager, version: ReportVersionEntity): Promise<unknown> {
    return manager.insert(ReportVersionEntity, version);
  }

  versionsOf(manager: EntityManager, reportId: string): Promise<ReportVersionEntity[]> {
    return manager.find(ReportVersionEntity, { where: { reportId }, order: { version: 'DESC' } });
  }

  /** Records the decision on the version under review, once (conditional on no decision yet). */
  async decideVersion(
    manager: EntityManager,
    reportId: string,
    version: number,
    decision: Pick<ReportVersionEntity, 'decision' | 'comment' | 'reviewerUserId' | 'reviewerName' | 'decidedAt'>,
  ): Promise<boolean> {
    const result = await manager.update(ReportVersionEntity, { reportId, version, decision: IsNull() }, decision);
    return Boolean(result.affected);
  }

  // ---------- assessments ----------

  async assessmentsOf(manager: EntityManager, memberIds: string[], periods: string[]): Promise<ReportAssessmentEntity[]> {
    if (!memberIds.length || !periods.length) return [];
    return manager.find(ReportAssessmentEntity, { where: { memberId: In([...new Set(memberIds)]), period: In([...new Set(periods)]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** One assessment per scope, member and period: a revision replaces the grade and comment in place. */
  async upsertAssessment(manager: EntityManager, row: Omit<ReportAssessmentEntity, 'id' | 'createdAt'> & { createdAt: Date }): Promise<void> {
    const key = { memberId: row.memberId, period: row.period, scopeRegionId: row.scopeRegionId };
    const revise = { grade: row.grade, comment: row.comment, assessorUserId: row.assessorUserId, assessorRole: row.assessorRole, updatedAt: row.updatedAt };
    if ((await manager.update(ReportAssessmentEntity, key, revise)).affected) return;
    try {
      await manager.insert(ReportAssessmentEntity, { id: newId(), ...row });
    } catch (error) {
      // Two assessors of one scope at once: the other insert won; this one revises it.
      if (!isUniqueViolation(error)) throw error;
      await manager.update(ReportAssessmentEntity, key, revise);
    }
  }

  // ---------- reminders ----------

  /** Makes sure the period's reminder rows exist (a duplicate from another instance is fine). */
  async ensureReminders(manager: EntityManager, period: string, days: readonly number[], deadline: Date, now: Date): Promise<void> {
    const existing = new Set((await manager.find(ReportReminderEntity, { where: { period }, select: ['daysBefore'] })).map((r) => r.daysBefore));
    for (const daysBefore of days) {
      if (existing.has(daysBefore)) continue;
      try {
        await manager.insert(ReportReminderEntity, { id: newId(), period, daysBefore, deadline, sentAt: null, recipients: 0, createdAt: now });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }

  /** Claims one reminder for sending: true for exactly one caller, ever. */
  async claimReminder(manager: EntityManager, period: string, daysBefore: number, now: Date, recipients: number): Promise<boolean> {
    const result = await manager.update(ReportReminderEntity, { period, daysBefore, sentAt: IsNull() }, { sentAt: now, recipients });
    return Boolean(result.affected);
  }

  remindersOf(manager: EntityManager, period: string): Promise<ReportReminderEntity[]> {
    return manager.find(ReportReminderEntity, { where: { period }, order: { daysBefore: 'DESC' } });
  }
  /** One page of the export: a period's reports inside `scope` (a condition on `r`), in id order after the cursor. */
  async exportPage(manager: EntityManager, period: string, scope: SqlCondition, afterId: string | null, limit: number): Promise<ReportExportRow[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      'SELECT `r`.`id` AS `id`, `r`.`period` AS `period`, `r`.`status` AS `status`, `m`.`name` AS `memberName`, `b`.`name` AS `branch`, `u`.`name` AS `unit`, ' +
        '`r`.`figures` AS `figures`, `r`.`version` AS `version`, `r`.`firstSubmittedAt` AS `firstSubmittedAt`, `r`.`submittedAt` AS `submittedAt`, `r`.`decidedAt` AS `decidedAt` ' +
        'FROM `member_reports` `r` INNER JOIN `members` `m` ON `m`.`id` = `r`.`memberId` LEFT JOIN `organisations` `b` ON `b`.`id` = `r`.`branchId` ' +
        'LEFT JOIN `organisations` `u` ON `u`.`id` = `r`.`unitId` ' +
        `WHERE \`r\`.\`period\` = ? AND ${scope.sql}${afterId ? ' AND `r`.`id` > ?' : ''} ORDER BY \`r\`.\`id\` ASC LIMIT ${Number(limit)}`,
      [period, ...scope.params, ...(afterId ? [afterId] : [])],
    );
    const date = (value: unknown) => datetimeOf(manager.connection, MemberReportEntity, 'submittedAt', value);
    return rows.map((r) => ({
      id: r.id as string,
      period: r.period as string,
      status: r.status as ReportStatus,
      memberName: r.memberName as string,
      branch: (r.branch as string | null) ?? null,
      unit: (r.unit as string | null) ?? null,
      figures: r.figures as string,
      version: Number(r.version),
      firstSubmittedAt: date(r.firstSubmittedAt),
      submittedAt: date(r.submittedAt),
      decidedAt: date(r.decidedAt),
    }));
  }
}
