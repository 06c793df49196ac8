import { Injectable, OnModuleInit } from '@nestjs/common';
import { DISPATCH_ANSWER_DAYS } from '@nuancheng/shared';
import { DomainEvents } from '../../../common/events/domain-events';
import type { WishRef } from '../../wishes/wishes.events';
import { NotificationsService } from '../notifications.service';

const wishLink = (wish: WishRef) => ({ kind: 'wish' as const, id: wish.id });
const pad = (n: number) => String(n).padStart(2, '0');
/** MM-DD HH:mm in Beijing, as the mini-program shows the dispatch's answer-by time. */
const beijing = (at: Date) => {
  const d = new Date(at.getTime() + 8 * 3600_000);
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

/** Who is told what when a wish moves: the resident about their wish, the claimant about their claim, units about dispatches. */
@Injectable()
export class WishNotificationsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    const n = this.notifications;
    const toResident = (wish: WishRef, title: string, body: string) => ({ userId: wish.residentUserId, kind: 'wish_status' as const, title, body, link: wishLink(wish) });
    this.events.on('wish.approved', (m, e) => n.notify(m, toResident(e.wish, '心愿已发布', `您的心愿“${e.wish.title}”已通过审核，发布到心愿墙`)));
    this.events.on('wish.rejected', (m, e) => n.notify(m, toResident(e.wish, '心愿未通过审核', `您的心愿“${e.wish.title}”未通过审核：${e.note ?? ''}`)));
    this.events.on('wish.claimed', (m, e) => n.notify(m, toResident(e.wish, '心愿已被认领', `您的心愿“${e.wish.title}”已被认领，认领人会尽快与您联系`)));
    this.events.on('wish.fulfilled', (m, e) => n.notify(m, toResident(e.wish, '心愿已圆梦', `您的心愿“${e.wish.title}”已完成，请确认是否收到`)));
    this.events.on('wish.confirmed', (m, e) =>
      n.notify(m, {
        userId: e.claim.claimedByUserId,
        kind: 'wish_status',
        title: '心愿已确认',
        body: `您圆梦的心愿“${e.wish.title}”已确认收到${e.thanks ? `：${e.thanks}` : ''}`,
        link: wishLink(e.wish),
      }),
    );
    this.events.on('wish.claim_revoked', (m, e) =>
      n.notify(m, { userId: e.claim.claimedByUserId, kind: 'wish_status', title: '认领已被撤销', body: `您认领的心愿“${e.wish.title}”已被社区撤销认领：${e.note ?? ''}`, link: wishLink(e.wish) }),
    );
    this.events.on('wish.reopened', (m, e) =>
      n.notify(m, {
        userId: e.claim.claimedByUserId,
        kind: 'wish_status',
        title: '心愿被退回重办',
        body: `心愿“${e.wish.title}”居民反映未收到，请核实后重新提交：${e.note ?? ''}`,
        link: wishLink(e.wish),
      }),
    );
    this.events.on('wish.claim_expired', (m, e) =>
      n.notify(m, { userId: e.claim.claimedByUserId, kind: 'claim_deadline', title: '认领已到期释放', body: `您认领的心愿“${e.wish.title}”已超过期限，已重新发布到心愿墙`, link: wishLink(e.wish) }),
    );
    this.events.on('wish.claim_due_soon', (m, e) =>
      n.notify(m, {
        userId: e.claim.claimedByUserId,
        kind: 'claim_deadline',
        title: '认领即将到期',
        body: `您认领的心愿“${e.wish.title}”还有 ${e.daysLeft} 天到期，请尽快圆梦或放弃认领`,
        link: wishLink(e.wish),
      }),
    );
    this.events.on('wish.dispatched', (m, e) =>
      n.notifyAll(m, e.adminUserIds, {
        kind: 'dispatch',
        title: '收到督办派单',
        body: `街道派给本单位心愿“${e.wish.title}”，请在 ${DISPATCH_ANSWER_DAYS} 天内（${beijing(e.answerBy)} 前）答复是否承接`,
        link: { kind: 'dispatches', id: null },
      }),
    );
    // The unit's answer goes to the street's officials: WishStaffNotificationsSubscriber.
  }
}
