import { Injectable } from '@nestjs/common';
import { maskPhone, type Role } from '@nuancheng/shared';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { Principal, PrincipalAssignment } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import { AuditService } from '../audit/audit.service';
import { PrincipalsRepository } from './principals.repository';
import { SessionsService } from './sessions.service';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { UserEntity } from './user.entity';
import './users.events';

/** A signed-in user as other modules see them: no ciphertexts. */
export interface UserProfile {
  id: string;
  nickname: string | null;
  phoneMasked: string | null;
}

/** Users (WeChat accounts) and their role assignments: the lowest domain module, it depends on no other. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly principals: PrincipalsRepository,
    private readonly sessions: SessionsService,
  ) {}

  /** Signs a WeChat user in, creating them on first sight (two first sign-ins racing end with one row). */
  async signIn(openid: string, unionid: string | null): Promise<UserEntity> {
    const repo = this.dataSource.getRepository(UserEntity);
    const now = this.clock.now();
    const existing = await repo.findOneBy({ openid });
    if (existing) {
      await repo.update({ id: existing.id }, { lastSignInAt: now, ...(unionid && !existing.unionid ? { unionid } : {}) });
      return { ...existing, lastSignInAt: now };
    }
    const user: UserEntity = {
      id: newId(),
      openid,
      unionid,
      nickname: null,
      phoneCipher: null,
      phoneHash: null,
      phoneBoundAt: null,
      lastSignInAt: now,
      disabledAt: null,
      createdAt: now,
    };
    try {
      await repo.insert(user);
      return user;
    } catch (error) {
      if (isUniqueViolation(error)) return (await repo.findOneBy({ openid }))!;
      throw error;
    }
  }

  /**
   * The caller and every role they hold, with their scope nodes' paths (the guard, on every signed-in request);
   * null when the session has ended or the user is disabled.
   */
  principalOf(userId: string, sessionId: string): Promise<Principal | null> {
    return this.principals.load(userId, sessionId, this.clock.now());
  }

  /** Whether the user may sign in (not disabled). */
  async isDisabled(userId: string): Promise<boolean> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId }, select: ['id', 'disabledAt'] });
    return !user || user.disabledAt !== null;
  }

  /** An administrator disables a user: no more sign-in, every session ended at once; audited. */
  async disable(principal: Principal, userId: string, reason: string): Promise<void> {
    if (userId === principal.userId) throw AppException.badRequest('不能停用自己的账号');
    await inTransaction(this.dataSource, async (manager) => {
      const updated = await manager.update(UserEntity, { id: userId, disabledAt: IsNull() }, { disabledAt: this.clock.now() });
      if (!updated.affected) {
        if (!(await manager.existsBy(UserEntity, { id: userId }))) throw AppException.notFound('没有找到这个用户');
        throw AppException.conflict('该账号已经停用');
      }
      const ended = await this.sessions.revokeAll(userId, 'disabled', manager);
      await this.audit.record(manager, { actorId: principal.userId, action: 'user.disable', subjectType: 'user', subjectId: userId, detail: { reason, sessionsEnded: ended } });
    });
  }

  assignmentsOf(userId: string): Promise<PrincipalAssignment[]> {
    return this.principals.assignments(userId);
  }

  async profile(userId: string): Promise<UserProfile> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw AppException.unauthenticated('登录已失效，请重新登录');
    return { id: user.id, nickname: user.nickname, phoneMasked: user.phoneCipher ? maskPhone(this.cipher.decrypt(user.phoneCipher)) : null };
  }

  /** The phone the user bound, decrypted (a wish's default contact number); null when none. */
  async boundPhoneOf(userId: string): Promise<string | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId }, select: ['id', 'phoneCipher'] });
    return user?.phoneCipher ? this.cipher.decrypt(user.phoneCipher) : null;
  }

  /** The user found by a bound phone's keyed hash. */
  async idByPhoneHash(phoneHash: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const user = await manager.findOne(UserEntity, { where: { phoneHash }, select: ['id'] });
    return user?.id ?? null;
  }

  /** openids for WeChat messages, by user id. */
  async openidsOf(userIds: string[]): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const users = await this.dataSource.getRepository(UserEntity).find({ where: { id: In(userIds) }, select: ['id', 'openid'] });
    return new Map(users.map((u) => [u.id, u.openid]));
  }

  /** Users holding `role` on exactly this node (e.g. the org admins of a unit a wish is dispatched to). */
  async holdersOf(manager: EntityManager, role: Role, node: { regionId?: string; organisationId?: string }): Promise<string[]> {
    const rows = await manager.find(RoleAssignmentEntity, { where: { role, ...(node.regionId ? { regionId: node.regionId } : { organisationId: node.organisationId }) }, select: ['userId'] });
    return [...new Set(rows.map((r) => r.userId))];
  }

  /** Makes a user the member of a branch (the roster linked their phone), or moves their member role to another branch. */
  async setMemberRole(manager: EntityManager, userId: string, branchId: string, grantedBy: string | null): Promise<void> {
    const moved = await manager.update(RoleAssignmentEntity, { userId, role: 'member' }, { organisationId: branchId, grantedBy });
    if (moved.affected) return;
    await manager.insert(RoleAssignmentEntity, { id: newId(), userId, role: 'member', regionId: null, organisationId: branchId, grantedBy, createdAt: this.clock.now() });
  }

  /**
   * Stores the phone encrypted with a keyed hash beside it and tells the other modules (the roster links a
   * matching member row), in one transaction.
   */
  async bindPhone(userId: string, phone: string, ip: string | null): Promise<void> {
    const phoneHash = this.cipher.hash(phone);
    const holder = await this.idByPhoneHash(phoneHash);
    if (holder && holder !== userId) {
      throw AppException.conflict('该手机号已绑定其他微信账号，如需更换请联系社区工作人员', ErrorCode.PhoneAlreadyBound);
    }
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await manager.update(UserEntity, { id: userId }, { phoneCipher: this.cipher.encrypt(phone), phoneHash, phoneBoundAt: this.clock.now() });
        await this.audit.record(manager, { actorId: userId, action: 'user.phone.bind', subjectType: 'user', subjectId: userId, ip });
        await this.events.publish(manager, 'user.phone_bound', { userId, phoneHash });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AppException.conflict('该手机号已绑定其他微信账号，如需更换请联系社区工作人员', ErrorCode.PhoneAlreadyBound);
      throw error;
    }
  }

  /** Everything the users module holds about a user, for their own download (PIPL): the phone decrypted, it is theirs. */
  async exportOf(userId: string): Promise<{ user: Record<string, unknown>; roles: Record<string, unknown>[] }> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw AppException.unauthenticated('登录已失效，请重新登录');
    const roles = await this.principals.assignments(userId);
    return {
      user: {
        id: user.id,
        openid: user.openid,
        unionid: user.unionid,
        nickname: user.nickname,
        phone: user.phoneCipher ? this.cipher.decrypt(user.phoneCipher) : null,
        phoneBoundAt: user.phoneBoundAt?.toISOString() ?? null,
        lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
        createdAt: user.createdAt.toISOString(),
      },
      roles: roles.map((r) => ({ role: r.role, scopeKind: r.scopeKind, scopeName: r.scopeName })),
    };
  }

  /**
   * Deletes an account by anonymising it (PIPL): the row stays so the wishes' history keeps its foreign keys,
   * but nothing in it names the person. The openid becomes a random tombstone, so the same WeChat user signing in
   * again gets a fresh account; the tombstone is disabled and every session ends at once.
   */
  async anonymise(manager: EntityManager, userId: string): Promise<{ sessionsEnded: number }> {
    await manager.update(
      UserEntity,
      { id: userId },
      { openid: `deleted:${randomBytes(16).toString('hex')}`, unionid: null, nickname: '已注销用户', phoneCipher: null, phoneHash: null, phoneBoundAt: null, disabledAt: this.clock.now() },
    );
    const sessionsEnded = await this.sessions.revokeAll(userId, 'deleted', manager);
    return { sessionsEnded };
  }
}
