import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { SessionEntity } from './session.entity';

export interface OpenedSession {
  sessionId: string;
  userId: string;
  refreshToken: string;
  expiresAt: Date;
}

export type RevokeReason = 'sign_out' | 'sign_out_all' | 'reuse' | 'disabled' | 'deleted';

/**
 * Sessions and their rotating refresh tokens. A refresh token is 32 random bytes, stored only as a keyed hash; each
 * use replaces it. Presenting the one it replaced again (a stolen copy racing the owner) ends the session.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: DataCipher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private newToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.cipher.hash(token) };
  }

  async open(userId: string, client: { userAgent: string | null; ip: string | null }, manager: EntityManager = this.dataSource.manager): Promise<OpenedSession> {
    const now = this.clock.now();
    const { token, hash } = this.newToken();
    const session: SessionEntity = {
      id: newId(),
      userId,
      refreshHash: hash,
      previousRefreshHash: null,
      expiresAt: new Date(now.getTime() + this.config.jwtTtlS * 1000),
      revokedAt: null,
      revokeReason: null,
      userAgent: client.userAgent?.slice(0, 200) ?? null,
      ip: client.ip?.slice(0, 64) ?? null,
      lastUsedAt: now,
      createdAt: now,
    };
    await manager.insert(SessionEntity, session);
    return { sessionId: session.id, userId, refreshToken: token, expiresAt: session.expiresAt };
  }

  /** Exchanges a refresh token for a new one (the session lives on); 401 for anything else. */
  async rotate(refreshToken: string): Promise<OpenedSession> {
    const hash = this.cipher.hash(refreshToken);
    type Outcome = { opened: OpenedSession } | { reused: string } | null;
    const outcome = await inTransaction(this.dataSource, async (manager): Promise<Outcome> => {
      const now = this.clock.now();
      const session = await manager.findOneBy(SessionEntity, { refreshHash: hash });
      if (!session) {
        const replaced = await manager.findOneBy(SessionEntity, { previousRefreshHash: hash, revokedAt: IsNull() });
        return replaced ? { reused: replaced.id } : null;
      }
      if (session.revokedAt || session.expiresAt.getTime() <= now.getTime()) return null;
      const { token, hash: next } = this.newToken();
      // Conditional on the token just read: of two refreshes with one token, one wins.
      const moved = await manager.update(SessionEntity, { id: session.id, refreshHash: hash }, { refreshHash: next, previousRefreshHash: hash, lastUsedAt: now });
      if (!moved.affected) return null;
      return { opened: { sessionId: session.id, userId: session.userId, refreshToken: token, expiresAt: session.expiresAt } };
    });
    if (outcome && 'opened' in outcome) return outcome.opened;
    if (outcome && 'reused' in outcome) {
      // Committed on its own: the refusal below must not roll the revocation back.
      await this.revoke(outcome.reused, 'reuse');
      throw AppException.unauthenticated('登录凭证已在别处使用，为了安全已退出登录，请重新登录');
    }
    throw AppException.unauthenticated('登录已失效，请重新登录');
  }

  async revoke(sessionId: string, reason: RevokeReason, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.revokeWith(manager, { id: sessionId }, reason);
  }

  async revokeAll(userId: string, reason: RevokeReason, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return this.revokeWith(manager, { userId }, reason);
  }

  private async revokeWith(manager: EntityManager, where: { id?: string; userId?: string }, reason: RevokeReason): Promise<number> {
    const result = await manager.update(SessionEntity, { ...where, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokeReason: reason });
    return result.affected ?? 0;
  }
}
