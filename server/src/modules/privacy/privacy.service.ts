import { Injectable } from '@nestjs/common';
import { DELETE_ACCOUNT_CONFIRM, type DeleteAccountResult } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit/audit.service';
import { MembersService } from '../members/members.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UploadsService } from '../uploads/uploads.service';
import { UsersService } from '../users/users.service';
import { WishPrivacyService } from '../wishes/wish-privacy.service';
import { WorkflowService } from '../workflow/workflow.service';
import { ConsentsService } from './consents.service';

/** The name a deleted account goes by everywhere it still appears (timelines, the user row). */
export const DELETED_USER_NAME = '已注销用户';

/**
 * Residents' rights (PIPL art. 45 and 47): download what is held about you, and delete your account. Owns no
 * table: each module hands over and anonymises its own rows through its service.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly members: MembersService,
    private readonly wishes: WishPrivacyService,
    private readonly notifications: NotificationsService,
    private readonly uploads: UploadsService,
    private readonly workflow: WorkflowService,
    private readonly consents: ConsentsService,
  ) {}

  /** Everything held about the caller, in sections named in Chinese and English; the read is audited first. */
  async exportOf(principal: Principal): Promise<Record<string, unknown>> {
    const userId = principal.userId;
    await this.audit.record(this.dataSource.manager, {
      actorId: userId,
      action: 'me.data.export',
      subjectType: 'user',
      subjectId: userId,
      fields: ['phone', 'beneficiary.name', 'beneficiary.phone', 'beneficiary.hardship', 'beneficiary.guardianName'],
      reason: 'own data (PIPL art. 45)',
    });
    const [account, member, wishes, notifications, uploadIds, consents] = await Promise.all([
      this.users.exportOf(userId),
      this.members.cardOfUser(userId),
      this.wishes.exportOf(userId),
      this.notifications.exportOf(userId),
      this.uploads.idsOwnedBy(userId),
      this.consents.of(userId),
    ]);
    return {
      说明: '这是暖城保存的关于您的全部个人信息（依据《个人信息保护法》第四十五条）。',
      exportedAt: this.clock.now().toISOString(),
      '账号 account': account.user,
      '身份 roles': account.roles,
      '党员信息 member': member,
      '我发布的心愿 wishes': wishes.wishes,
      '我的认领 claims': wishes.claims,
      '同意记录 consents': wishes.wishes.map((w) => ({ wishId: w.id, ...(w.consent as object) })),
      '隐私授权 privacy consents': consents.history,
      '消息通知 notifications': notifications,
      '上传的照片 uploads': uploadIds,
    };
  }

  /**
   * Deletes the caller's account by anonymising it, in one transaction. Residents only: staff, officials and
   * members are on the committee's or their unit's books, which keep them. A wish still in progress must be
   * withdrawn or finished first, so no claimant is left waiting on someone who no longer exists.
   */
  async deleteAccount(principal: Principal, confirm: string): Promise<DeleteAccountResult> {
    if (confirm.trim() !== DELETE_ACCOUNT_CONFIRM) throw AppException.badRequest(`请输入“${DELETE_ACCOUNT_CONFIRM}”两个字确认注销账号`);
    if (principal.assignments.length) {
      throw AppException.forbidden('您的账号有党员、工作人员或管理员身份，由社区或所在单位管理，请联系居委会注销');
    }
    const userId = principal.userId;
    return inTransaction(this.dataSource, async (manager) => {
      await this.wishes.assertNoneInProgress(manager, userId);
      const wishesAnonymised = await this.wishes.anonymiseResident(manager, userId);
      const timelineRelabelled = await this.workflow.relabelActor(manager, userId, DELETED_USER_NAME);
      const notificationsDeleted = await this.notifications.deleteAllOf(manager, userId);
      await this.consents.anonymise(manager, userId);
      const { sessionsEnded } = await this.users.anonymise(manager, userId);
      // Counts only: the entry outlives the person and must not name them.
      await this.audit.record(manager, {
        actorId: userId,
        action: 'me.delete',
        subjectType: 'user',
        subjectId: userId,
        detail: { wishesAnonymised, timelineRelabelled, notificationsDeleted, sessionsEnded },
      });
      return { deleted: true as const, wishesAnonymised, sessionsEnded };
    });
  }
}
