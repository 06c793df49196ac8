import { Injectable } from '@nestjs/common';
import { Me, maskPhone } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { PrincipalAssignment } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { newId } from '../../common/ids';
import { AuditService } from '../audit/audit.service';
import { MemberEntity } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { UserEntity } from './user.entity';
import { inTransaction } from '../../common/database/transaction';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
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

  /** `assignments`: the caller's, when the guard has just loaded them (GET /api/me), so they are not read twice. */
  async me(userId: string, assignments?: PrincipalAssignment[]): Promise<Me> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw AppException.unauthenticated('登录已失效，请重新登录');
    const [roles, member] = await Promise.all([
      assignments ?? this.access.loadAssignments(userId),
      this.dataSource.getRepository(MemberEntity).findOne({ where: { userId }, relations: { branch: true, residenceCommunity: true } }),
    ]);
    const unit = member?.branch ? await this.organisations.unitOf(member.branch) : null;
    return {
      id: user.id,
      nickname: user.nickname,
      phoneMasked: user.phoneCipher ? maskPhone(this.cipher.decrypt(user.phoneCipher)) : null,
      roles: roles.map(({ scopePath: _path, regionLevel: _level, ...role }) => role),
      member:
        member && member.branch
          ? {
              id: member.id,
              name: member.name,
              branch: { id: member.branch.id, name: member.branch.name },
              unit: unit ? { id: unit.id, name: unit.name } : null,
              residenceCommunity: member.residenceCommunity ? { id: member.residenceCommunity.id, name: member.residenceCommunity.name } : null,
            }
          : null,
    };
  }

  /**
   * Stores the phone encrypted with a keyed hash beside it, and makes the user a member when the hash matches
   * a roster row, in one transaction.
   */
  async bindPhone(userId: string, phone: string, ip: string | null): Promise<Me> {
    const phoneHash = this.cipher.hash(phone);
    const holder = await this.dataSource.getRepository(UserEntity).findOne({ where: { phoneHash }, select: ['id'] });
    if (holder && holder.id !== userId) {
      throw AppException.conflict('该手机号已绑定其他微信账号，如需更换请联系社区工作人员', ErrorCode.PhoneAlreadyBound);
    }
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await manager.update(UserEntity, { id: userId }, { phoneCipher: this.cipher.encrypt(phone), phoneHash, phoneBoundAt: this.clock.now() });
        const linked = await this.members.linkByPhoneHash(manager, userId, phoneHash);
        await this.audit.record(manager, { actorId: userId, action: 'user.phone.bind', subjectType: 'user', subjectId: userId, detail: { linkedMember: linked }, ip });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AppException.conflict('该手机号已绑定其他微信账号，如需更换请联系社区工作人员', ErrorCode.PhoneAlreadyBound);
      throw error;
    }
    return this.me(userId);
  }
}
