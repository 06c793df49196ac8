import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { DomainEvents } from '../../common/events/domain-events';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobRegistry } from '../jobs/job-registry.service';
import { MembersService } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { deadlineOf, dueReminders, recentHalfYears } from './reports.deadlines';
import './reports.events';
import { ReportsRepository } from './reports.repository';

export interface ReportJobsResult {
  /** Reminders sent this run (period and days before) and how many members each told. */
  sent: Array<{ period: string; daysBefore: number; recipients: number }>;
  /** Reminders whose time passed while a later one came due (marked, not sent late). */
  skipped: Array<{ period: string; daysBefore: number }>;
}

/**
 * Deadline reminders for half-year reports: 7 and 1 days before the deadline (REPORT_REMIND_DAYS), to every member
 * whose report is not in yet. Each reminder row is claimed by a conditional update in the same transaction as the
 * notifications, so it goes out exactly once however many instances run the job.
 */
@Injectable()
export class ReportJobsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReportsRepository,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly events: DomainEvents,
    private readonly jobs: JobRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'reports', run: () => this.runOnce() });
  }

  async runOnce(): Promise<ReportJobsResult> {
    const now = this.clock.now();
    const result: ReportJobsResult = { sent: [], skipped: [] };
    for (const period of recentHalfYears(now)) {
      const deadline = deadlineOf(period.key, this.config.reports);
      const { send, stale } = dueReminders(deadline, this.config.reports.remindDays, now);
      if (send === null && !stale.length) continue;
      const rows = await this.repository.remindersOf(this.dataSource.manager, period.key);
      if (rows.length < this.config.reports.remindDays.length) await this.repository.ensureReminders(this.dataSource.manager, period.key, this.config.reports.remindDays, deadline.at, now);
      const pending = new Set((await this.repository.remindersOf(this.dataSource.manager, period.key)).filter((r) => r.sentAt === null).map((r) => r.daysBefore));
      for (const daysBefore of stale) {
        if (pending.has(daysBefore) && (await this.repository.claimReminder(this.dataSource.manager, period.key, daysBefore, now, 0))) result.skipped.push({ period: period.key, daysBefore });
      }
      if (send === null || !pending.has(send)) continue;
      const userIds = await this.recipients(period.key);
      const claimed = await inTransaction(this.dataSource, async (manager) => {
        if (!(await this.repository.claimReminder(manager, period.key, send, now, userIds.length))) return false;
        await this.events.publish(manager, 'report.due_soon', { period: period.key, periodLabel: period.label, deadlineDay: deadline.day, daysBefore: send, userIds });
        return true;
      });
      if (claimed) result.sent.push({ period: period.key, daysBefore: send, recipients: userIds.length });
    }
    return result;
  }

  /** Members with an account whose report for the period is not submitted or approved, across every organisation tree. */
  private async recipients(period: string): Promise<string[]> {
    const manager = this.dataSource.manager;
    const users: string[] = [];
    for (const root of await this.organisations.list({})) {
      const roster = await this.members.list(root.id);
      const done = await this.repository.inMemberIds(
        manager,
        roster.map((m) => m.id),
        period,
      );
      const open = roster.filter((m) => m.signedUp && !done.has(m.id)).map((m) => m.id);
      for (let i = 0; i < open.length; i += 500) {
        const records = await this.members.byIds(open.slice(i, i + 500), manager);
        for (const r of records.values()) if (r.userId) users.push(r.userId);
      }
    }
    return users;
  }
}
