import { Inject, Injectable } from '@nestjs/common';
import type { Link, LinkKind, NotificationPage } from '@nuancheng/shared';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../../common/clock';
import { insertRow } from '../../common/database/insert-row';
import { AppException } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds';
import { NotificationEntity } from './notification.entity';
import { OutboxEntity } from './outbox.entity';

export interface NotifyInput {
  userId: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link?: Link | null;
}

/**
 * Tells people what happened. Called by this module's subscribers inside the publisher's transaction: the inbox
 * row and, in live mode with a template configured for the kind, an outbox row for a WeChat subscribe message
 * land with the change itself.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async notify(manager: EntityManager, input: NotifyInput): Promise<void> {
    if (!input.userId) return;
    const now = this.clock.now();
    await insertRow(manager, NotificationEntity, {
      id: newId(),
      userId: input.userId,
      kind: input.kind,
      title: input.title.slice(0, 60),
      body: input.body.slice(0, 300),
      linkKind: input.link?.kind ?? null,
      linkId: input.link?.id ?? null,
      readAt: null,
      createdAt: now,
    });
    const templateId = this.config.wechatTemplates[NOTIFICATION_KINDS[input.kind].template];
    if (this.config.wechat.mode === 'live' && templateId) {
      await manager.insert(OutboxEntity, {
        id: newId(),
        channel: 'wechat_subscribe',
        kind: input.kind,
        userId: input.userId,
        payload: JSON.stringify({ templateId, title: input.title, body: input.body, page: this.messagePage(input.link ?? null), at: now.toISOString() }),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        deliveredAt: null,
        createdAt: now,
      });
    }
  }

  async notifyAll(manager: EntityManager, userIds: readonly (string | null)[], input: Omit<NotifyInput, 'userId'>): Promise<void> {
    for (const userId of new Set(userIds)) await this.notify(manager, { ...input, userId });
  }

  /** The page a subscribe message opens: the configured entry page, carrying the typed link for the app to follow. */
  private messagePage(link: Link | null): string {
    const page = this.config.wechatMessagePage;
    return link ? `${page}?link=${encodeURIComponent(`${link.kind}:${link.id ?? ''}`)}` : page;
  }

  async list(userId: string, page: number, pageSize: number): Promise<NotificationPage> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    const [rows, total] = await repo.findAndCount({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    const unread = await repo.countBy({ userId, readAt: IsNull() });
    return {
      items: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.linkKind ? { kind: n.linkKind as LinkKind, id: n.linkId } : null,
        readAt: n.readAt?.toISOString() ?? null,
        createdAt: n.createdAt.toISOString(),
      })),
      unread,
      total,
      page,
      pageSize,
    };
  }

  async markAllRead(userId: string): Promise<void> {
    await this.dataSource.getRepository(NotificationEntity).update({ userId, readAt: IsNull() }, { readAt: this.clock.now() });
  }

  async markRead(userId: string, id: string): Promise<void> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    const notification = await repo.findOneBy({ id });
    if (!notification || notification.userId !== userId) throw AppException.notFound('没有找到这条消息');
    if (!notification.readAt) await repo.update({ id, readAt: IsNull() }, { readAt: this.clock.now() });
  }

  /** The whole inbox of a user, oldest first, for their own download (PIPL). */
  async exportOf(userId: string): Promise<Record<string, unknown>[]> {
    const rows = await this.dataSource.getRepository(NotificationEntity).find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() }));
  }

  /** A deleted account's inbox goes (its messages may name the person and serve no one else). Returns how many. */
  async deleteAllOf(manager: EntityManager, userId: string): Promise<number> {
    const result = await manager.delete(NotificationEntity, { userId });
    return result.affected ?? 0;
  }
}
