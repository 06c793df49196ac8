import { Injectable, OnModuleInit } from '@nestjs/common';
import { PLEDGE_ASSESSOR_LABELS, PLEDGE_GRADE_LABELS } from '@nuancheng/shared';
import { DomainEvents } from '../../../common/events/domain-events';
import type { PledgeRef } from '../../pledges/pledges.events';
import { NotificationsService } from '../notifications.service';

const pledgeLink = (pledge: PledgeRef) => ({ kind: 'pledge' as const, id: pledge.id });
const short = (text: string) => (Array.from(text).length > 20 ? `${Array.from(text).slice(0, 20).join('')}…` : text);

/** 一党员一践诺: the secretary is told of a pledge to approve, assessors of one to assess, the member of each answer. */
@Injectable()
export class PledgeNotificationsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    const n = this.notifications;
    const toMember = (pledge: PledgeRef, title: string, body: string) => ({ userId: pledge.memberUserId, kind: 'pledge' as const, title, body, link: pledgeLink(pledge) });
    this.events.on('pledge.submitted', (m, e) =>
      n.notifyAll(m, e.secretaryUserIds, {
        kind: 'pledge',
        title: e.revised ? '党员承诺已修改，待审核' : '党员承诺待审核',
        body: `${e.actor.name}${e.revised ? '修改并重新提交了' : '提交了'} ${e.pledge.year} 年承诺“${short(e.pledge.content)}”，请审核`,
        link: pledgeLink(e.pledge),
      }),
    );
    this.events.on('pledge.approved', (m, e) =>
      n.notify(m, toMember(e.pledge, '承诺已亮诺', `您的 ${e.pledge.year} 年承诺“${short(e.pledge.content)}”已通过党支部审核，已在居住社区公示，请按时践诺`)),
    );
    this.events.on('pledge.returned', (m, e) => n.notify(m, toMember(e.pledge, '承诺被退回修改', `您的承诺“${short(e.pledge.content)}”被党支部退回：${e.reason ?? ''}，请修改后重新提交`)));
    this.events.on('pledge.done', (m, e) =>
      n.notifyAll(m, e.assessorUserIds, {
        kind: 'pledge',
        title: '党员已践诺，待评诺',
        body: `${e.actor.name}的承诺“${short(e.pledge.content)}”已践诺，请评诺`,
        link: pledgeLink(e.pledge),
      }),
    );
    this.events.on('pledge.assessed', (m, e) =>
      n.notify(
        m,
        toMember(
          e.pledge,
          e.concluded ? '承诺评诺完成' : '承诺已评诺',
          `您的承诺“${short(e.pledge.content)}”获${PLEDGE_ASSESSOR_LABELS[e.kind]}“${PLEDGE_GRADE_LABELS[e.grade]}”${e.concluded ? '，党支部和社区评诺均已完成' : ''}`,
        ),
      ),
    );
  }
}
