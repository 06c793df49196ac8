import { Injectable, OnModuleInit } from '@nestjs/common';
import { Me, Member, RosterImportResult, RosterRow, RosterRowError, RosterRowSchema, maskPhone } from '@nuancheng/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import { AuditService } from '../audit/audit.service';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { UsersService } from '../users/users.service';
import { DomainEvents } from '../../common/events/domain-events';
import { RoleAssignmentsService } from '../users/role-assignments.service';
import type {} from '../users/users.events';
import { MemberEntity } from './member.entity';
import { inTransaction } from '../../common/database/transaction';
import { placeholders } from '../../common/supervision/dashboard';

export interface RosterImportOptions {
  organisationId: string;
  actorId: string;
  /** Row numbers reported to the user start here (2 for a spreadsheet with a header row). */
  firstRowNumber: number;
}

/** A roster row as other modules see it (no phone). */
export interface MemberRecord {
  id: string;
  name: string;
  branchId: string;
  residenceCommunityId: string | null;
  userId: string | null;
}

const toRecord = (m: MemberEntity): MemberRecord => ({ id: m.id, name: m.name, branchId: m.branchId, residenceCommunityId: m.residenceCommunityId, userId: m.userId });

/** The member roster: import by organisation admins, and linking roster rows to signed-in users by phone. */
@Injectable()
export class MembersService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationsService,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
    private readonly roleAssignments: RoleAssignmentsService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('user.phone_bound', (manager, event) => this.linkByPhoneHash(manager, event.userId, event.phoneHash).then(() => undefined));
    this.roleAssignments.useDisplayNames((userIds) => this.namesOfUsers(userIds));
  }

  /** The roster row of a signed-in user, or null (not a member). */
  async memberOfUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<MemberRecord | null> {
    const member = await manager.findOneBy(MemberEntity, { userId });
    return member ? toRecord(member) : null;
  }

  /** Dashboard: members on the rosters who live in the communities of these streets (one COUNT). */
  async residentsOf(streetIds: string[], manager: EntityManager = this.dataSource.manager): Promise<number> {
    if (!streetIds.length) return 0;
    const rows: Array<{ n: number | string }> = await manager.query(
      `SELECT COUNT(*) AS \`n\` FROM \`members\` \`m\` JOIN \`regions\` \`c\` ON \`c\`.\`id\` = \`m\`.\`residenceCommunityId\` WHERE \`c\`.\`parentId\` IN (${placeholders(streetIds)})`,
      streetIds,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async byIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, MemberRecord>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    return new Map((await manager.findBy(MemberEntity, { id: In(unique) })).map((m) => [m.id, toRecord(m)]));
  }

  /** The roster row with this phone (an organiser recording attendance for a member without theirs), or null. */
  async byPhone(phone: string, manager: EntityManager = this.dataSource.manager): Promise<MemberRecord | null> {
    const member = await manager.findOneBy(MemberEntity, { phoneHash: this.cipher.hash(phone) });
    return member ? toRecord(member) : null;
  }

  /**
   * Locks the member row of a user for the rest of the transaction, so that one member's simultaneous claims
   * take turns and count each other under a cap (docs/benchmarks.md). It must be the transaction's first read:
   * InnoDB's snapshot starts at the first plain read. SQLite already runs one transaction at a time.
   */
  async lockMemberOfUser(manager: EntityManager, userId: string): Promise<void> {
    if (manager.connection.options.type === 'better-sqlite3') return;
    await manager.createQueryBuilder(MemberEntity, 'm').select('m.id').where('m.userId = :userId', { userId }).setLock('pessimistic_write').getRawOne();
  }

  /**
   * lockMemberOfUser and memberOfUser in one statement: the member row of a user, locked for the rest of the
   * transaction (MySQL/MariaDB: `FOR UPDATE`, raw, the record's columns only), or null. Same rule: the
   * transaction's first read. A member's claim reads the row it locks this way: one statement and one query
   * builder fewer per claim (docs/benchmarks.md, part 2).
   */
  async lockedMemberOfUser(manager: EntityManager, userId: string): Promise<MemberRecord | null> {
    if (manager.connection.options.type === 'better-sqlite3') return this.memberOfUser(userId, manager);
    const rows: MemberRecord[] = await manager.query(
      'SELECT `m`.`id` AS `id`, `m`.`name` AS `name`, `m`.`branchId` AS `branchId`, `m`.`residenceCommunityId` AS `residenceCommunityId`, `m`.`userId` AS `userId` ' +
        'FROM `members` `m` WHERE `m`.`userId` = ? FOR UPDATE',
      [userId],
    );
    const row = rows[0];
    return row ? { id: row.id, name: row.name, branchId: row.branchId, residenceCommunityId: row.residenceCommunityId, userId: row.userId } : null;
  }

  /**
   * The roster's residence community follows the member's confirmed registration (党员报到): the registrations
   * module calls this in the transaction that confirms it.
   */
  async setResidence(manager: EntityManager, memberId: string, communityId: string): Promise<void> {
    await manager.update(MemberEntity, { id: memberId }, { residenceCommunityId: communityId, updatedAt: this.clock.now() });
  }

  /**
   * How to reach a claimant, for the staff of the wish's community (the caller audits the read): the roster name,
   * the unit (or the branch when it has no unit above it) and the roster phone, decrypted. Null: no such member.
   */
  async contactOf(memberId: string, manager: EntityManager = this.dataSource.manager): Promise<{ name: string; unit: string | null; phone: string } | null> {
    const member = await manager.findOneBy(MemberEntity, { id: memberId });
    if (!member) return null;
    const branch = await this.organisations.nodeOf(member.branchId, manager);
    const unit = branch ? await this.organisations.unitNodeOf(branch, manager) : null;
    return { name: member.name, unit: unit?.name ?? branch?.name ?? null, phone: this.cipher.decrypt(member.phoneCipher) };
  }

  /** The roster name of a user (the org admin who claimed for a unit), or null. */
  async nameOfUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const member = await manager.findOne(MemberEntity, { where: { userId }, select: ['id', 'name'] });
    return member?.name ?? null;
  }

  /** The member card of 我的: name, branch, unit, residence community. */
  async cardOfUser(userId: string): Promise<Me['member']> {
    const member = await this.memberOfUser(userId);
    if (!member) return null;
    const branch = await this.organisations.nodeOf(member.branchId);
    if (!branch) return null;
    const [unit, community] = await Promise.all([this.organisations.unitNodeOf(branch), member.residenceCommunityId ? this.regions.nodeOf(member.residenceCommunityId) : null]);
    return {
      id: member.id,
      name: member.name,
      branch: { id: branch.id, name: branch.name },
      unit: unit ? { id: unit.id, name: unit.name } : null,
      residenceCommunity: community ? { id: community.id, name: community.name } : null,
    };
  }

  private async namesOfUsers(userIds: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.getRepository(MemberEntity).find({ where: { userId: In([...new Set(userIds)]) }, select: ['userId', 'name'] });
    return new Map(rows.map((m) => [m.userId!, m.name]));
  }

  /**
   * Validates every row first and imports nothing unless all are valid. A phone already on the roster is
   * updated (name, branch, residence) when it stays inside the importing organisation; a phone registered by
   * another organisation is an error for that row. Users who already bound the phone become members at once.
   */
  async importRoster(rawRows: unknown[], options: RosterImportOptions): Promise<RosterImportResult> {
    const organisation = await this.organisations.requireNode(options.organisationId);
    const branches = await this.organisations.branchesWithin(organisation);
    if (branches.length === 0) throw AppException.badRequest('该组织下还没有党支部，请先创建党支部');
    const branchByName = new Map(branches.map((b) => [b.name, b]));

    const errors: RosterRowError[] = [];
    const valid: Array<{ row: RosterRow; rowNumber: number; branch: OrganisationNode; phoneHash: string }> = [];
    const seenPhones = new Map<string, number>();
    rawRows.forEach((raw, index) => {
      const rowNumber = index + options.firstRowNumber;
      const parsed = RosterRowSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          errors.push({ row: rowNumber, field: issue.path.join('.') || 'row', message: issue.message });
        }
        return;
      }
      const row = parsed.data;
      const branch = branchByName.get(row.branch);
      if (!branch) errors.push({ row: rowNumber, field: 'branch', message: `「${row.branch}」不是本组织下的党支部` });
      const earlier = seenPhones.get(row.phone);
      if (earlier) errors.push({ row: rowNumber, field: 'phone', message: `手机号与第 ${earlier} 行重复` });
      seenPhones.set(row.phone, rowNumber);
      if (branch && !earlier) valid.push({ row, rowNumber, branch, phoneHash: this.cipher.hash(row.phone) });
    });

    const codes = [...new Set(valid.map((v) => v.row.communityCode?.toUpperCase()).filter((c): c is string => !!c))];
    const communities = codes.length ? await this.regions.communitiesByCodes(codes) : [];
    const communityByCode = new Map(communities.map((c) => [c.code!, c]));
    for (const v of valid) {
      const code = v.row.communityCode?.toUpperCase();
      if (code && !communityByCode.has(code)) errors.push({ row: v.rowNumber, field: 'communityCode', message: `社区编码 ${code} 不存在` });
    }

    const existing = await this.findByPhoneHashes(valid.map((v) => v.phoneHash));
    const existingByHash = new Map(existing.map((m) => [m.phoneHash, m]));
    const ownBranchIds = new Set(branches.map((b) => b.id));
    for (const v of valid) {
      const current = existingByHash.get(v.phoneHash);
      if (current && !ownBranchIds.has(current.branchId)) {
        errors.push({ row: v.rowNumber, field: 'phone', message: '该手机号已在其他单位的党员名单中，请先由原单位移出' });
      }
    }
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      throw new AppException(
        422,
        ErrorCode.RosterInvalid,
        `名单有 ${errors.length} 处错误，未导入任何数据，请修改后重新导入`,
        errors.map((e) => ({ path: `${e.row}.${e.field}`, ...e })),
      );
    }

    const now = this.clock.now();
    const result: RosterImportResult = { imported: 0, updated: 0, linked: 0 };
    await inTransaction(this.dataSource, async (manager) => {
      for (const v of valid) {
        const residenceCommunityId = v.row.communityCode ? communityByCode.get(v.row.communityCode.toUpperCase())!.id : null;
        const current = existingByHash.get(v.phoneHash);
        if (current) {
          await manager.update(MemberEntity, { id: current.id }, { name: v.row.name, branchId: v.branch.id, residenceCommunityId, updatedAt: now });
          if (current.userId && current.branchId !== v.branch.id) await this.users.setMemberRole(manager, current.userId, v.branch.id, options.actorId);
          result.updated++;
          continue;
        }
        const member: MemberEntity = {
          id: newId(),
          name: v.row.name,
          phoneCipher: this.cipher.encrypt(v.row.phone),
          phoneHash: v.phoneHash,
          branchId: v.branch.id,
          residenceCommunityId,
          userId: null,
          importedBy: options.actorId,
          createdAt: now,
          updatedAt: now,
        };
        await manager.insert(MemberEntity, member);
        result.imported++;
        const userId = await this.users.idByPhoneHash(v.phoneHash, manager);
        if (userId && (await this.link(manager, member, userId, options.actorId))) result.linked++;
      }
      await this.audit.record(manager, {
        actorId: options.actorId,
        action: 'member.roster.import',
        subjectType: 'organisation',
        subjectId: organisation.id,
        detail: { rows: valid.length, ...result },
      });
    });
    return result;
  }

  /** When a user binds a phone (event user.phone_bound): the matching roster row (if any) becomes theirs. */
  private async linkByPhoneHash(manager: EntityManager, userId: string, phoneHash: string): Promise<boolean> {
    const member = await manager.findOne(MemberEntity, { where: { phoneHash } });
    if (!member || member.userId === userId) return false;
    if (member.userId) return false;
    return this.link(manager, member, userId, null);
  }

  /** Ids of the members on these branches' rosters (counts only: no personal data leaves, so no audit entry). */
  async idsOnRosters(branchIds: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!branchIds.length) return [];
    const rows = await manager.find(MemberEntity, { select: { id: true }, where: { branchId: In(branchIds) } });
    return rows.map((m) => m.id);
  }

  async list(organisationId: string): Promise<Member[]> {
    const organisation = await this.organisations.requireNode(organisationId);
    const branches = await this.organisations.branchesWithin(organisation);
    if (!branches.length) return [];
    const rows = await this.dataSource.getRepository(MemberEntity).find({ where: { branchId: In(branches.map((b) => b.id)) }, order: { name: 'ASC' } });
    const branchById = new Map(branches.map((b) => [b.id, b]));
    const communities = await this.regions.nodesOf(rows.map((m) => m.residenceCommunityId).filter((id): id is string => !!id));
    // The roster shows members' names in full (phones masked): a read of personal data, on record.
    await this.audit.record(this.dataSource.manager, {
      action: 'member.roster.read',
      subjectType: 'organisation',
      subjectId: organisationId,
      fields: ['name'],
      reason: '花名册管理',
      detail: { members: rows.length },
      read: true,
    });
    return rows.map((m) => ({
      id: m.id,
      name: m.name,
      phoneMasked: maskPhone(this.cipher.decrypt(m.phoneCipher)),
      branch: { id: m.branchId, name: branchById.get(m.branchId)!.name },
      residenceCommunity: m.residenceCommunityId && communities.has(m.residenceCommunityId) ? { id: m.residenceCommunityId, name: communities.get(m.residenceCommunityId)!.name } : null,
      signedUp: m.userId !== null,
    }));
  }

  private findByPhoneHashes(hashes: string[]): Promise<MemberEntity[]> {
    if (!hashes.length) return Promise.resolve([]);
    return this.dataSource.getRepository(MemberEntity).find({ where: { phoneHash: In(hashes) } });
  }

  private async link(manager: EntityManager, member: MemberEntity, userId: string, actorId: string | null): Promise<boolean> {
    await manager.update(MemberEntity, { id: member.id }, { userId, updatedAt: this.clock.now() });
    await this.users.setMemberRole(manager, userId, member.branchId, actorId);
    await this.audit.record(manager, { actorId: actorId ?? userId, action: 'member.link', subjectType: 'member', subjectId: member.id, detail: { userId } });
    return true;
  }
}
