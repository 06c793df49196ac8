import { Inject, Injectable } from '@nestjs/common';
import { CHECKIN_RULES, type ActivityDetail, type AttendanceList, type CheckinCode, type CheckinInput, type ManualAttendance } from '@nuancheng/shared';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { MembersService } from '../members/members.service';
import { ACTIVITY_WORKFLOW } from './activities.policy';
import { ActivitiesRepository, LIVE_ATTENDANCE } from './activities.repository';
import { newAttendance } from './entities/activity-attendance.entity';
import { ActivitiesService } from './activities.service';
import { ActivityContextService } from './activity-context.service';
import { ActivityQueriesService } from './activity-queries.service';
import { CheckinTokens } from './checkin-token';
import { beijingTime, checkinWindow, checkoutWindow, locationVerdict, timeVerdict } from './checkin.rules';

/** Each check-in refusal with its own code and Chinese message. */
const refuse = (status: 400 | 409, code: ErrorCode, message: string) => new AppException(status, code, message);

/**
 * 签到 / 签退. The organiser's phone shows a rotating code signed by the server (CheckinTokens); the member sends it
 * with the phone's fix. In order: the code (signature, activity, window), the activity's state, the time window,
 * the place (distance and accuracy), then the member's own attendance — changed by a conditional update from the
 * state before it (one row per member and activity), so of two simultaneous check-ins exactly one counts.
 * The transaction is lean (it is the hot path): three reads, one update or insert, one timeline row.
 */
@Injectable()
export class CheckinService {
  private readonly tokens: CheckinTokens;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ActivitiesRepository,
    private readonly contexts: ActivityContextService,
    private readonly queries: ActivityQueriesService,
    private readonly activities: ActivitiesService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.tokens = new CheckinTokens(config.checkinKey);
  }

  qrContentFor(token: string): string {
    return `${this.config.qrBaseUrl}/qr/a/${encodeURIComponent(token)}`;
  }

  /** The organiser's rotating code: a new token every 30 seconds and the QR code carrying it. */
  async code(principal: Principal, id: string): Promise<CheckinCode> {
    const ctx = await this.contexts.load(this.dataSource.manager, id, principal);
    ACTIVITY_WORKFLOW.require('show_code', ctx.activity.status, ctx.rel);
    const { token, window } = this.tokens.issue(ctx.activity.id, this.clock.now());
    const qrContent = this.qrContentFor(token);
    const qrDataUrl = await QRCode.toDataURL(qrContent, { width: 480, margin: 2, errorCorrectionLevel: 'M' });
    return { token, qrContent, qrDataUrl, expiresAt: CheckinTokens.windowEnd(window).toISOString(), windowSeconds: CHECKIN_RULES.windowSeconds };
  }

  private requireToken(token: string, id: string): void {
    const verdict = this.tokens.verify(token, id, this.clock.now());
    if (verdict.ok) return;
    if (verdict.reason === 'expired') throw refuse(400, ErrorCode.CheckinTokenExpired, '签到码已过期，请扫描组织者手机上正在显示的签到码');
    if (verdict.reason === 'other_activity') throw refuse(400, ErrorCode.CheckinTokenOtherActivity, '这是另一个活动的签到码，请扫描本活动组织者出示的签到码');
    throw refuse(400, ErrorCode.CheckinTokenInvalid, '签到码无效，请扫描组织者手机上的签到码');
  }

  private requirePlace(activity: { lat: number; lng: number; radiusM: number }, input: CheckinInput) {
    const verdict = locationVerdict(activity, input);
    if (verdict.ok) return verdict.distanceM;
    if (verdict.reason === 'out_of_range') {
      throw refuse(400, ErrorCode.CheckinOutOfRange, `您距离活动地点约 ${formatMetres(verdict.distanceM)}，超出签到范围（${activity.radiusM} 米），请到达活动现场后再试`);
    }
    throw refuse(400, ErrorCode.CheckinPoorAccuracy, `当前定位不够准确（误差约 ${Math.round(input.accuracy)} 米），请到开阔处或打开 WLAN 后稍候重试`);
  }

  async checkin(principal: Principal, id: string, input: CheckinInput): Promise<ActivityDetail> {
    this.requireToken(input.token, id);
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.forMember(manager, id, principal);
      const { activity } = ctx;
      ACTIVITY_WORKFLOW.require('checkin', activity.status, ctx.rel);
      const now = this.clock.now();
      const window = checkinWindow(activity);
      const when = timeVerdict(window, now);
      if (when === 'early') throw refuse(409, ErrorCode.CheckinTooEarly, `签到还未开始：${beijingTime(window.opensAt)} 起可以签到（活动开始前 ${CHECKIN_RULES.opensBeforeStartMinutes} 分钟）`);
      if (when === 'late') throw refuse(409, ErrorCode.CheckinClosed, `活动已于 ${beijingTime(activity.endAt)} 结束，签到已关闭`);
      const distanceM = this.requirePlace(activity, input);
      const fix = { checkedInAt: now, checkinLat: input.lat, checkinLng: input.lng, checkinAccuracyM: input.accuracy, checkinDistanceM: distanceM };
      const actor = this.contexts.memberActor(principal, ctx.member!);
      const already = () => refuse(409, ErrorCode.AlreadyCheckedIn, `您已于 ${beijingTime(ctx.attendance?.checkedInAt ?? now)} 签到，无需重复签到`);
      const attendance = ctx.attendance;
      if (attendance?.status === 'checked_in' || attendance?.status === 'checked_out') throw already();
      if (attendance?.status === 'signed_up') {
        await this.conditional(() => this.activities.moveAttendance(manager, attendance, 'checkin', actor, fix), already);
      } else {
        // Not signed up (or cancelled): a walk-in, if the organiser allows them and a place is left.
        if (!activity.walkInsAllowed) throw refuse(409, ErrorCode.CheckinNotSignedUp, '您没有报名这个活动，本活动不接受现场报名');
        if (!(await this.repository.takePlace(manager, activity.id))) throw refuse(409, ErrorCode.ActivityFull, `该活动名额已满（${activity.capacity} 人），不能现场签到`);
        activity.taken += 1;
        if (attendance) {
          await this.conditional(() => this.activities.moveAttendance(manager, attendance, 'walk_in', actor, { ...fix, walkIn: true }), already);
        } else {
          const row = newAttendance(activity.id, ctx.member!.id, 'checked_in', now, { ...fix, walkIn: true });
          if (!(await this.repository.insertAttendance(manager, row))) throw already();
          await this.activities.recordAttendance(manager, row.id, 'walk_in', null, 'checked_in', actor);
          ctx.attendance = row;
        }
        this.contexts.setAttendee(ctx, true);
      }
      return this.queries.present(manager, ctx);
    });
  }

  async checkout(principal: Principal, id: string, input: CheckinInput): Promise<ActivityDetail> {
    this.requireToken(input.token, id);
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.forMember(manager, id, principal);
      const { activity, attendance } = ctx;
      ACTIVITY_WORKFLOW.require('checkout', activity.status, ctx.rel);
      const now = this.clock.now();
      const window = checkoutWindow(activity);
      const when = timeVerdict(window, now);
      if (when === 'early') throw refuse(409, ErrorCode.CheckoutTooEarly, `签退还未开始：${beijingTime(window.opensAt)} 起可以签退（活动结束前 ${CHECKIN_RULES.checkoutOpensBeforeEndMinutes} 分钟）`);
      if (when === 'late') throw refuse(409, ErrorCode.CheckoutClosed, `签退已于 ${beijingTime(window.closesAt)} 关闭（活动结束后 2 小时），如需补录请联系组织者`);
      const distanceM = this.requirePlace(activity, input);
      const already = () => refuse(409, ErrorCode.AlreadyCheckedOut, `您已于 ${beijingTime(attendance?.checkedOutAt ?? now)} 签退`);
      if (attendance?.status === 'checked_out') throw already();
      if (attendance?.status !== 'checked_in') throw refuse(409, ErrorCode.CheckoutNotCheckedIn, '您还没有签到，不能签退');
      const actor = this.contexts.memberActor(principal, ctx.member!);
      const fix = { checkedOutAt: now, checkoutLat: input.lat, checkoutLng: input.lng, checkoutAccuracyM: input.accuracy, checkoutDistanceM: distanceM };
      await this.conditional(() => this.activities.moveAttendance(manager, attendance, 'checkout', actor, fix), already);
      return this.queries.present(manager, ctx);
    });
  }

  /** The conditional update lost a race (the same member's other request): answered as that request's refusal. */
  private async conditional(work: () => Promise<void>, lost: () => AppException): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof AppException && error.code === ErrorCode.WrongState) throw lost();
      throw error;
    }
  }

  /** The organiser records a member's attendance by hand (no phone with them), with a reason; audited. */
  manual(principal: Principal, id: string, input: ManualAttendance): Promise<AttendanceList> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, id, principal);
      const { activity } = ctx;
      ACTIVITY_WORKFLOW.require('record_attendance', activity.status, ctx.rel);
      const member = input.memberId ? ((await this.members.byIds([input.memberId], manager)).get(input.memberId) ?? null) : await this.members.byPhone(input.phone!, manager);
      if (!member) throw AppException.notFound(input.phone ? '没有找到这个手机号的党员，请核对是否与党员名单一致' : '没有找到这名党员');
      const now = this.clock.now();
      const inAt = input.checkedInAt ? new Date(input.checkedInAt) : new Date(Math.min(activity.startAt.getTime(), now.getTime()));
      const outAt = input.checkedOutAt ? new Date(input.checkedOutAt) : null;
      const bad = (message: string) => ACTIVITY_WORKFLOW.refuse('bad_time', { message });
      if (inAt.getTime() > now.getTime() || (outAt && outAt.getTime() > now.getTime())) bad('签到、签退时间不能晚于现在');
      if (inAt.getTime() < checkinWindow(activity).opensAt.getTime() || inAt.getTime() > activity.endAt.getTime()) bad('签到时间应在活动开始前 30 分钟到活动结束之间');
      if (outAt && (outAt.getTime() < inAt.getTime() || outAt.getTime() > checkoutWindow(activity).closesAt.getTime())) bad('签退时间应晚于签到时间，且不晚于活动结束后 2 小时');
      const actor = this.contexts.organiserActor(principal, ctx.community, ctx.activity);
      const manual = { manualReason: input.reason, recordedByUserId: principal.userId };
      let attendance = await this.repository.findAttendance(manager, activity.id, member.id);
      if (attendance?.status === 'checked_out') throw refuse(409, ErrorCode.AlreadyCheckedOut, `${member.name}已经签退，无需补录`);
      if (attendance?.status === 'checked_in' && !outAt) throw refuse(409, ErrorCode.AlreadyCheckedIn, `${member.name}已经签到；如需补录签退，请填写签退时间`);
      if (attendance?.status !== 'checked_in') {
        const live = attendance !== null && LIVE_ATTENDANCE.includes(attendance.status);
        if (!live && !(await this.repository.takePlace(manager, activity.id))) throw refuse(409, ErrorCode.ActivityFull, `该活动名额已满（${activity.capacity} 人）`);
        const fix = { checkedInAt: inAt, ...manual };
        if (attendance) await this.activities.moveAttendance(manager, attendance, 'record_in', actor, fix, input.reason);
        else {
          attendance = newAttendance(activity.id, member.id, 'checked_in', now, { ...fix, walkIn: true });
          if (!(await this.repository.insertAttendance(manager, attendance))) throw refuse(409, ErrorCode.AlreadyCheckedIn, `${member.name}刚刚已经签到`);
          await this.activities.recordAttendance(manager, attendance.id, 'record_in', null, 'checked_in', actor, input.reason);
        }
      }
      if (outAt) await this.activities.moveAttendance(manager, attendance!, 'record_out', actor, { checkedOutAt: outAt, ...manual }, input.reason);
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'activity.attendance.manual',
        subjectType: 'attendance',
        subjectId: attendance!.id,
        detail: { activityId: activity.id, memberId: member.id, by: input.phone ? 'phone' : 'list', checkedInAt: inAt.toISOString(), checkedOutAt: outAt?.toISOString() ?? null, reason: input.reason },
      });
      return this.queries.attendances(manager, ctx);
    });
  }
}

function formatMetres(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)} 公里` : `${m} 米`;
}
