import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../../common/events/domain-events';
import type {} from '../../reports/reports.events';
import { NotificationsService } from '../notifications.service';

/** Half-year reports: the secretary hears of a submission, the member of the decision, members of a near deadline. */
@Injectable()
export class ReportNotificationsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    const n = this.notifications;
    this.events.on('report.submitted', (m, e) =>
      n.notifyAll(m, e.secretaryUserIds, {
        kind: 'report_status',
        title: '收到党员半年报告',
        body: `${e.memberName}提交了${e.report.periodLabel}的报告${e.version > 1 ? `（第 ${e.version} 版）` : ''}，请审核`,
        link: { kind: 'report_review', id: null },
      }),
    );
    this.events.on('report.approved', (m, e) =>
      n.notify(m, {
        userId: e.report.authorUserId,
        kind: 'report_status',
        title: '半年报告已审核通过',
        body: `您${e.report.periodLabel}的报告已通过党支部审核${e.comment ? `：${e.comment}` : ''}`,
        link: { kind: 'report', id: e.report.id },
      }),
    );
    this.events.on('report.returned', (m, e) =>
      n.notify(m, {
        userId: e.report.authorUserId,
        kind: 'report_status',
        title: '半年报告被退回修改',
        body: `您${e.report.periodLabel}的报告被退回：${e.comment ?? ''}。请修改后重新提交`,
        link: { kind: 'report', id: e.report.id },
      }),
    );
    this.events.on('report.due_soon', (m, e) =>
      n.notifyAll(m, e.userIds, {
        kind: 'report_deadline',
        title: '半年报告即将截止',
        body: `${e.periodLabel}党员报告将于 ${e.deadlineDay} 截止（还有 ${e.daysBefore} 天），请尽快提交`,
        link: { kind: 'report', id: null },
      }),
    );
  }
}
