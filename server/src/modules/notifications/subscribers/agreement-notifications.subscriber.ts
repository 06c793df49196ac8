import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../../../common/events/domain-events';
import type { AgreementRef } from '../../agreements/agreements.events';
import { NotificationsService } from '../notifications.service';

const link = (agreement: AgreementRef) => ({ kind: 'agreement' as const, id: agreement.id });
const between = (a: AgreementRef) => `${a.organisationName}与${a.regionName}的共建协议`;

/** Who is told what when an agreement moves: the other side to sign or to know, both sides before it ends. */
@Injectable()
export class AgreementNotificationsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    const n = this.notifications;
    const tell = (m: EntityManager, userIds: string[], agreement: AgreementRef, title: string, body: string) => n.notifyAll(m, userIds, { kind: 'agreement', title, body, link: link(agreement) });
    this.events.on('agreement.proposed', (m, e) =>
      tell(m, e.counterpartySide, e.agreement, '共建协议待会签', `${between(e.agreement)}（${e.agreement.startDate} 至 ${e.agreement.endDate}）已提交，请审阅会签${e.note ? `：${e.note}` : ''}`),
    );
    this.events.on('agreement.countersigned', (m, e) => tell(m, e.proposerSide, e.agreement, '共建协议已生效', `${e.actor.name}已会签${between(e.agreement)}，协议生效，组织报到完成`));
    this.events.on('agreement.returned', (m, e) => tell(m, e.proposerSide, e.agreement, '共建协议被退回', `${e.actor.name}退回了${between(e.agreement)}：${e.note ?? ''}`));
    this.events.on('agreement.withdrawn', (m, e) => tell(m, e.counterpartySide, e.agreement, '共建协议已撤回', `${e.agreement.organisationName}撤回了待会签的共建协议`));
    this.events.on('agreement.ended_early', (m, e) =>
      tell(m, e.by === 'proposer' ? e.counterpartySide : e.proposerSide, e.agreement, '共建协议提前终止', `${e.actor.name}提前终止了${between(e.agreement)}：${e.note ?? ''}`),
    );
    this.events.on('agreement.expired', (m, e) =>
      tell(m, [...e.proposerSide, ...e.counterpartySide], e.agreement, '共建协议已到期', `${between(e.agreement)}已于 ${e.agreement.endDate} 到期，续签请另行拟定新协议`),
    );
    this.events.on('agreement.expiring', (m, e) =>
      tell(
        m,
        [...e.proposerSide, ...e.counterpartySide],
        e.agreement,
        '共建协议即将到期',
        `${between(e.agreement)}将于 ${e.agreement.endDate} 到期（还有 ${e.daysLeft} 天），如需续签请及时拟定新协议`,
      ),
    );
  }
}
