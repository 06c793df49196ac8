import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { deadlineOf } from '../../src/modules/reports/reports.deadlines';
import { ReportJobsService } from '../../src/modules/reports/report-jobs.service';
import { ReportReminderEntity } from '../../src/modules/reports/report-reminder.entity';
import { ReportsService } from '../../src/modules/reports/reports.service';
import { periodOf } from '../../src/modules/ledger/ledger.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { Factory } from './factories';

const DAY = 86400_000;

describe(`report deadline reminders (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    f = new Factory(t);
  });
  afterAll(() => t?.close());

  it('should remind members whose report is not in 7 and 1 days before the deadline, exactly once each', async () => {
    const orgs = await f.organisations();
    const waiting = await f.member(orgs.branch, { name: '陈文博' });
    const other = await f.member(orgs.otherBranch, { name: '杨丽娟' });
    const done = await f.member(orgs.branch, { name: '赵永军' });
    await f.member(orgs.branch, { name: '黄春梅' }); // a second waiting member
    const jobs = t.app.get(ReportJobsService);
    const reports = t.app.get(ReportsService);

    // The half year now: its deadline (15 January or 15 July, after it ends) is ahead of us.
    const period = periodOf(undefined, t.clock.now());
    const deadline = deadlineOf(period.key, { deadlineH1: '07-15', deadlineH2: '01-15', remindDays: [7, 1] });
    const report = await reports.create(await f.principal(done.user), period.key);
    await reports.update(await f.principal(done.user), report.id, { summary: '本半年参加志愿服务情况良好，按时报告。' });
    await reports.submit(await f.principal(done.user), report.id);

    // Only this half year's reminders (the previous one's may fall due too, on some dates).
    const run = async () => {
      const r = await jobs.runOnce();
      return { sent: r.sent.filter((s) => s.period === period.key), skipped: r.skipped.filter((s) => s.period === period.key) };
    };
    const count = (userId: string) => t.dataSource.getRepository(NotificationEntity).countBy({ userId, kind: 'report_deadline' });

    // Not yet: more than 7 days before the deadline day.
    expect(await run()).toEqual({ sent: [], skipped: [] });

    // 7 days before: everyone not in yet is told, once, however often the job runs.
    t.clock.advance(deadline.dayStart.getTime() - 7 * DAY - t.clock.now().getTime() + 3600_000);
    const week = await run();
    expect(week.sent).toEqual([{ period: period.key, daysBefore: 7, recipients: 3 }]);
    expect(await run()).toEqual({ sent: [], skipped: [] });
    await Promise.all([run(), run()]);
    expect([await count(waiting.user.id), await count(other.user.id), await count(done.user.id)]).toEqual([1, 1, 0]);
    const inbox = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: waiting.user.id, kind: 'report_deadline' });
    expect(inbox).toMatchObject({ title: '半年报告即将截止', linkKind: 'report' });
    expect(inbox.body).toContain(deadline.day);

    // 1 day before: the second reminder, once.
    t.clock.advance(6 * DAY);
    expect((await run()).sent).toEqual([{ period: period.key, daysBefore: 1, recipients: 3 }]);
    expect(await run()).toEqual({ sent: [], skipped: [] });
    expect([await count(waiting.user.id), await count(done.user.id)]).toEqual([2, 0]);
    const rows = await t.dataSource.getRepository(ReportReminderEntity).find({ where: { period: period.key }, order: { daysBefore: 'DESC' } });
    expect(rows.map((r) => [r.daysBefore, r.sentAt !== null, r.recipients])).toEqual([
      [7, true, 3],
      [1, true, 3],
    ]);

    // After the deadline: nothing more for this half year.
    t.clock.advance(2 * DAY);
    expect((await run()).sent).toEqual([]);
    expect(await count(waiting.user.id)).toBe(2);
  });
});
