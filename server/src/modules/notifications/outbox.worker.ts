import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { Clock } from '../../common/clock';
import { JobRegistry } from '../jobs/job-registry.service';
import { UsersService } from '../users/users.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { OutboxEntity } from './outbox.entity';

const MAX_ATTEMPTS = 8;
/** 1 min, 2, 4 … capped at 2 h. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 2 * 3600_000);
}

/** WeChat's subscribe-message field limits: thing ≤ 20 characters, time as 'YYYY-MM-DD HH:mm'. */
export function subscribeFields(payload: { title: string; body: string; at: string }): Record<string, { value: string }> {
  const thing = (text: string) => Array.from(text).slice(0, 20).join('');
  const at = new Date(payload.at);
  const pad = (n: number) => String(n).padStart(2, '0');
  // Beijing time for people reading it.
  const local = new Date(at.getTime() + 8 * 3600_000);
  const time = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return { thing1: { value: thing(payload.title) }, thing2: { value: thing(payload.body) }, time3: { value: time } };
}

/**
 * Delivers due outbox rows. Each row is first claimed by a conditional UPDATE (attempts = n → n+1, next attempt
 * pushed out), so two instances never send the same message twice in one round; failures back off.
 */
@Injectable()
export class OutboxWorker implements OnModuleInit {
  private readonly logger = new Logger('Outbox');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly wechat: WechatApiClient,
    private readonly users: UsersService,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    // Rows are claimed one by one with a conditional update, so every instance may deliver at once.
    this.jobs.register({ name: 'outbox', exclusive: false, run: () => this.runOnce() });
  }

  async runOnce(limit = 50): Promise<{ delivered: number; failed: number }> {
    const now = this.clock.now();
    const repo = this.dataSource.getRepository(OutboxEntity);
    const due = await repo.find({ where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) }, order: { nextAttemptAt: 'ASC' }, take: limit });
    const openids = await this.users.openidsOf(due.map((d) => d.userId).filter((id): id is string => !!id));
    let delivered = 0;
    let failed = 0;
    for (const row of due) {
      const attempts = row.attempts + 1;
      const claimed = await repo.update({ id: row.id, status: 'pending', attempts: row.attempts }, { attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) });
      if (!claimed.affected) continue;
      try {
        const payload = JSON.parse(row.payload) as { templateId: string; title: string; body: string; page: string | null; at: string };
        const openid = row.userId ? openids.get(row.userId) : undefined;
        if (!openid) throw new Error('recipient no longer exists');
        await this.wechat.sendSubscribeMessage({ toUser: openid, templateId: payload.templateId, page: payload.page ?? undefined, data: subscribeFields(payload) });
        await repo.update({ id: row.id }, { status: 'delivered', deliveredAt: this.clock.now(), lastError: null });
        delivered += 1;
      } catch (error) {
        failed += 1;
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 255);
        await repo.update({ id: row.id }, { status: attempts >= MAX_ATTEMPTS ? 'dead' : 'pending', lastError: message });
        this.logger.warn(`delivery ${row.id} failed (attempt ${attempts}): ${message}`);
      }
    }
    return { delivered, failed };
  }
}
