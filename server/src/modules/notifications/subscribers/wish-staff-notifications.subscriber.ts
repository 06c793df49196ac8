import { Injectable, OnModuleInit } from '@nestjs/common';
import { DISPATCH_ANSWER_DAYS } from '@nuancheng/shared';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../../../common/events/domain-events';
import type { WishRef } from '../../wishes/wishes.events';
import { UsersService } from '../../users/users.service';
import { NotificationsService } from '../notifications.service';

const wishLink = (wish: WishRef) => ({ kind: 'wish' as const, id: wish.id });

/**
 * What waits for the people who run the programme: the community's staff hear of a wish to review and of a
 * resident saying a fulfilled wish never arrived; the street's officials (and the community's staff) hear of a
 * dispatch into their area, and the officials how the unit answered it.
 */
@Injectable()
export class WishStaffNotificationsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  private staffOf(m: EntityManager, wish: WishRef) {
    return this.users.holdersOf(m, 'community_staff', { regionId: wish.communityId });
  }

  onModuleInit(): void {
    const n = this.notifications;
    this.events.on('wish.submitted', async (m, e) => {
      // A wish staff typed in for a resident (代录) needs no message to the one who typed it.
      const staff = (await this.staffOf(m, e.wish)).filter((id) => id !== e.enteredByUserId);
      await n.notifyAll(m, staff, {
        kind: 'wish_todo',
        title: '新心愿待审核',
        body: `居民提交了心愿“${e.wish.title}”${e.held ? '，内容安全检查提示需人工复核' : ''}，请审核`,
        link: wishLink(e.wish),
      });
    });
    this.events.on('wish.disputed', async (m, e) =>
      n.notifyAll(m, await this.staffOf(m, e.wish), {
        kind: 'wish_todo',
        title: '居民反映没有收到',
        body: `心愿“${e.wish.title}”的居民反映没有收到：${e.note ?? ''}，请核实处理`,
        link: wishLink(e.wish),
      }),
    );
    // The official who dispatched is told even when they work above the street (a district or committee official).
    const officials = async (m: EntityManager, wish: WishRef, dispatchedBy: string) => [dispatchedBy, ...(await this.users.holdersOf(m, 'street_official', { regionId: wish.streetId }))];
    // A dispatch into a street is news to the street's other officials and the community's staff, who follow it up.
    this.events.on('wish.dispatched', async (m, e) => {
      const told = [...(await this.users.holdersOf(m, 'street_official', { regionId: e.wish.streetId })), ...(await this.staffOf(m, e.wish))];
      await n.notifyAll(
        m,
        told.filter((id) => id !== e.actor.userId),
        {
          kind: 'dispatch',
          title: '心愿已派单',
          body: `心愿“${e.wish.title}”已派给${e.organisationName}，对方将在 ${DISPATCH_ANSWER_DAYS} 天内答复是否承接`,
          link: wishLink(e.wish),
        },
      );
    });
    this.events.on('wish.dispatch_accepted', async (m, e) =>
      n.notifyAll(m, await officials(m, e.wish, e.dispatchedByUserId), {
        kind: 'dispatch',
        title: '派单已承接',
        body: `${e.organisationName}已承接心愿“${e.wish.title}”`,
        link: wishLink(e.wish),
      }),
    );
    this.events.on('wish.dispatch_declined', async (m, e) =>
      n.notifyAll(m, await officials(m, e.wish, e.dispatchedByUserId), {
        kind: 'dispatch',
        title: '派单被拒绝',
        body: `${e.organisationName}未能承接心愿“${e.wish.title}”：${e.reason}`,
        link: wishLink(e.wish),
      }),
    );
  }
}
