import { Injectable } from '@nestjs/common';
import {
  ACTIVITY_STATUS_LABELS,
  ATTENDANCE_STATUS_LABELS,
  EXPORT_KIND_LABELS,
  EXPORT_MAX_DAYS,
  EXPORT_SCOPES,
  LEDGER_KIND_LABELS,
  maskName,
  REPORT_STATUS_LABELS,
  WISH_STATUS_LABELS,
  type ExportKind,
  type ExportQuery,
  type ReportFigures,
  type Role,
} from '@nuancheng/shared';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { AppException } from '../../common/errors/app.exception';
import type { ExportScope } from '../../common/exports/export-scope';
import { cstMinute, streamXlsx, type XlsxSheet } from '../../common/exports/xlsx-stream';
import { ActivityQueriesService } from '../activities/activity-queries.service';
import { AuditService } from '../audit/audit.service';
import { LedgerService } from '../ledger/ledger.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { ReportsService } from '../reports/reports.service';
import { WishQueriesService } from '../wishes/wish-queries.service';

/** Who may export for a region (the territorial line) and for an organisation (the organisational line). */
export const REGION_EXPORT_ROLES = ['street_official', 'committee_admin'] as const satisfies readonly Role[];
export const ORGANISATION_EXPORT_ROLES = ['branch_secretary', 'org_admin', 'committee_admin'] as const satisfies readonly Role[];
export const EXPORT_ROLES = ['street_official', 'committee_admin', 'branch_secretary', 'org_admin'] as const satisfies readonly Role[];

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3600_000;

/** A calendar day in China time (YYYY-MM-DD) as the UTC instant it starts; null when it is not a real day. */
function cstDayStart(day: string): Date | null {
  const [y, m, d] = day.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 1, d) - CST_MS);
  return new Date(start.getTime() + CST_MS).toISOString().slice(0, 10) === day ? start : null;
}

/**
 * 数据导出: the .xlsx exports of member reports, ledger entries, wishes and activities (with attendance) for a
 * scope and a period. Each owning module reads its own rows a page at a time (keyset); this module resolves and
 * checks the scope, decides what is masked, writes the workbook as a stream and audits every export with its
 * scope, period and row count.
 *
 * Masking (docs/security.md): members' names go out in full only on the organisational line — an export for an
 * organisation the caller is secretary, org admin or committee admin of, holding that organisation's own members;
 * a region's export (street officials, committee admins) names members as 王**. A wish's beneficiary only ever as
 * stored masked, never a phone, a hardship or a guardian (no export role is the community's own staff); a member
 * who claimed a wish is masked too. No phone is in any export.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly ledger: LedgerService,
    private readonly reports: ReportsService,
    private readonly wishes: WishQueriesService,
    private readonly activities: ActivityQueriesService,
  ) {}

  /** The period as [from, to) instants: both days inclusive, in China time; 400 with a Chinese message when it is not one. */
  period(query: Pick<ExportQuery, 'from' | 'to'>): { from: Date; to: Date; days: number } {
    const from = cstDayStart(query.from);
    const last = cstDayStart(query.to);
    if (!from || !last) throw AppException.badRequest('日期不存在，请重新选择');
    if (from.getTime() > last.getTime()) throw AppException.badRequest('开始日期不能晚于结束日期');
    const days = Math.round((last.getTime() - from.getTime()) / DAY_MS) + 1;
    if (days > EXPORT_MAX_DAYS) throw AppException.badRequest(`一次最多导出 ${EXPORT_MAX_DAYS} 天的数据，请缩短时间段`);
    return { from, to: new Date(last.getTime() + DAY_MS), days };
  }

  /** The scope asked for (or the caller's own), checked against the caller's assignments. */
  async scopeFor(principal: Principal, kind: ExportKind, query: ExportQuery): Promise<{ scope: ExportScope; name: string }> {
    const { from, to } = this.period(query);
    if (query.regionId && query.organisationId) throw AppException.badRequest('请只选择一个地区或一个组织');
    const allowed = EXPORT_SCOPES[kind];
    const ownRegion = principal.assignments.find((a) => (REGION_EXPORT_ROLES as readonly string[]).includes(a.role) && a.scopeKind === 'region' && a.scopeId);
    const ownOrganisation = principal.assignments.find((a) => (ORGANISATION_EXPORT_ROLES as readonly string[]).includes(a.role) && a.scopeKind === 'organisation' && a.scopeId);
    const tree: 'region' | 'organisation' = query.organisationId ? 'organisation' : query.regionId ? 'region' : ownRegion && allowed.includes('region') ? 'region' : 'organisation';
    if (!allowed.includes(tree)) throw AppException.forbidden(`${EXPORT_KIND_LABELS[kind]}只能按地区导出`);
    if (tree === 'region') {
      const id = query.regionId ?? ownRegion?.scopeId;
      if (!id) throw AppException.forbidden('该导出只对街道干部、工委管理员和党组织开放');
      const region = await this.regions.nodeOf(id);
      if (!region) throw AppException.notFound('没有找到这个地区');
      this.access.require(principal, REGION_EXPORT_ROLES, { kind: 'region', id: region.id, path: region.path }, '该地区不在您负责的范围内');
      return { scope: { kind: 'region', id: region.id, path: region.path, level: region.level, from, to, namesInFull: false }, name: region.name };
    }
    const id = query.organisationId ?? ownOrganisation?.scopeId;
    if (!id) throw AppException.forbidden('该导出只对街道干部、工委管理员和党组织开放');
    const organisation = await this.organisations.nodeOf(id);
    if (!organisation) throw AppException.notFound('没有找到这个党组织');
    this.access.require(principal, ORGANISATION_EXPORT_ROLES, { kind: 'organisation', id: organisation.id, path: organisation.path }, '该党组织不在您负责的范围内');
    return { scope: { kind: 'organisation', id: organisation.id, path: organisation.path, level: organisation.level, from, to, namesInFull: true }, name: organisation.name };
  }

  /**
   * The export as a streamed .xlsx. The audit entry (action `export.<kind>`: scope, period, rows per sheet, whether
   * names were masked) is written once the last row is, before the file is closed; an export the client abandons
   * is recorded too, with complete: false and the rows sent so far.
   */
  async export(principal: Principal, kind: ExportKind, query: ExportQuery, ip: string | null): Promise<{ filename: string; stream: Readable }> {
    const { scope, name } = await this.scopeFor(principal, kind, query);
    const sheets = this.sheets(kind, scope);
    const stream = await streamXlsx(sheets, async ({ rows, complete }) => {
      await this.audit.record(this.dataSource.manager, {
        actorId: principal.userId,
        action: `export.${kind}`,
        subjectType: scope.kind,
        subjectId: scope.id,
        detail: {
          kind,
          scope: name,
          level: scope.level,
          from: query.from,
          to: query.to,
          rows: rows.reduce((n, r) => n + r, 0),
          sheets: Object.fromEntries(sheets.map((s, i) => [s.name, rows[i] ?? 0])),
          masked: !scope.namesInFull,
          complete,
        },
        ip,
      });
    });
    return { filename: `${EXPORT_KIND_LABELS[kind]}-${name}-${query.from}至${query.to}.xlsx`, stream };
  }

  private sheets(kind: ExportKind, scope: ExportScope): XlsxSheet[] {
    const person = (name: string | null) => (!name ? '' : scope.namesInFull ? name : maskName(name));
    const map = <T, R extends Record<string, unknown>>(rows: AsyncIterable<T>, f: (row: T) => R): AsyncIterable<R> => ({
      async *[Symbol.asyncIterator]() {
        for await (const row of rows) yield f(row);
      },
    });
    switch (kind) {
      case 'ledger':
        return [
          {
            name: '服务台账',
            columns: [
              { header: '时间', key: 'at', width: 18 },
              { header: '党员或单位', key: 'who', width: 16 },
              { header: '类别', key: 'kind', width: 12 },
              { header: '内容', key: 'description', width: 36 },
              { header: '服务时长（分钟）', key: 'minutes', width: 12 },
              { header: '折合价值（元）', key: 'value', width: 12 },
              { header: '社区', key: 'community', width: 14 },
              { header: '街道', key: 'street', width: 14 },
              { header: '党支部', key: 'branch', width: 24 },
              { header: '单位', key: 'unit', width: 18 },
              { header: '更正原因', key: 'reason', width: 24 },
            ],
            rows: map(this.ledger.exportRows(scope), (e) => ({
              at: cstMinute(e.occurredAt),
              who: e.memberName ? person(e.memberName) : (e.organisationName ?? ''),
              kind: LEDGER_KIND_LABELS[e.kind] ?? e.kind,
              description: e.description,
              minutes: e.serviceMinutes,
              value: e.valueYuan,
              community: e.community ?? '',
              street: e.street ?? '',
              branch: e.branch ?? '',
              unit: e.unit ?? '',
              reason: e.correctsEntryId ? (e.reason ?? '') : '',
            })),
          },
        ];
      case 'reports':
        return [
          {
            name: '党员半年报告',
            columns: [
              { header: '时段', key: 'period', width: 10 },
              { header: '党员', key: 'member', width: 12 },
              { header: '党支部', key: 'branch', width: 24 },
              { header: '单位', key: 'unit', width: 18 },
              { header: '状态', key: 'status', width: 10 },
              { header: '服务时长（分钟）', key: 'minutes', width: 12 },
              { header: '参加活动', key: 'activities', width: 10 },
              { header: '完成心愿', key: 'wishes', width: 10 },
              { header: '提交次数', key: 'version', width: 10 },
              { header: '首次提交', key: 'firstSubmitted', width: 18 },
              { header: '审核时间', key: 'decided', width: 18 },
            ],
            rows: map(this.reports.exportRows(scope), (r) => {
              const figures = JSON.parse(r.figures) as Partial<ReportFigures>;
              return {
                period: r.period,
                member: person(r.memberName),
                branch: r.branch ?? '',
                unit: r.unit ?? '',
                status: REPORT_STATUS_LABELS[r.status] ?? r.status,
                minutes: figures.totalMinutes ?? 0,
                activities: figures.activitiesAttended ?? 0,
                wishes: figures.wishesFulfilled ?? 0,
                version: r.version,
                firstSubmitted: cstMinute(r.firstSubmittedAt),
                decided: cstMinute(r.decidedAt),
              };
            }),
          },
        ];
      case 'wishes':
        return [
          {
            name: '微心愿',
            columns: [
              { header: '心愿', key: 'title', width: 28 },
              { header: '类别', key: 'category', width: 10 },
              { header: '社区', key: 'community', width: 14 },
              { header: '街道', key: 'street', width: 14 },
              { header: '状态', key: 'status', width: 10 },
              { header: '受益人', key: 'beneficiary', width: 10 },
              { header: '认领方', key: 'claimant', width: 18 },
              { header: '估计价值（元）', key: 'value', width: 12 },
              { header: '提交时间', key: 'created', width: 18 },
              { header: '认领时间', key: 'claimed', width: 18 },
              { header: '完成时间', key: 'fulfilled', width: 18 },
            ],
            rows: map(this.wishes.exportRows(scope), (w) => ({
              title: w.title,
              category: w.category,
              community: w.community ?? '',
              street: w.street ?? '',
              status: WISH_STATUS_LABELS[w.status] ?? w.status,
              beneficiary: w.beneficiaryMasked,
              claimant: w.claimantKind === 'member' ? maskName(w.claimantName ?? '') : (w.claimantName ?? ''),
              value: w.estimatedValueYuan,
              created: cstMinute(w.createdAt),
              claimed: cstMinute(w.claimedAt),
              fulfilled: cstMinute(w.fulfilledAt),
            })),
          },
        ];
      case 'activities':
        return [
          {
            name: '活动',
            columns: [
              { header: '活动', key: 'title', width: 28 },
              { header: '类型', key: 'type', width: 10 },
              { header: '社区', key: 'community', width: 14 },
              { header: '街道', key: 'street', width: 14 },
              { header: '地点', key: 'place', width: 20 },
              { header: '开始时间', key: 'start', width: 18 },
              { header: '结束时间', key: 'end', width: 18 },
              { header: '状态', key: 'status', width: 10 },
              { header: '组织者', key: 'organiser', width: 14 },
              { header: '组织单位', key: 'organisation', width: 18 },
              { header: '名额', key: 'capacity', width: 8 },
              { header: '已报名', key: 'taken', width: 8 },
              { header: '已签到', key: 'attended', width: 8 },
            ],
            rows: map(this.activities.exportActivities(scope), (a) => ({
              title: a.title,
              type: a.type,
              community: a.community ?? '',
              street: a.street ?? '',
              place: a.placeName,
              start: cstMinute(a.startAt),
              end: cstMinute(a.endAt),
              status: ACTIVITY_STATUS_LABELS[a.status] ?? a.status,
              organiser: a.organiserName,
              organisation: a.organisation ?? '',
              capacity: a.capacity,
              taken: a.taken,
              attended: a.attended,
            })),
          },
          {
            name: '报名签到',
            columns: [
              { header: '活动', key: 'activity', width: 28 },
              { header: '开始时间', key: 'start', width: 18 },
              { header: '社区', key: 'community', width: 14 },
              { header: '党员', key: 'member', width: 12 },
              { header: '党支部', key: 'branch', width: 24 },
              { header: '状态', key: 'status', width: 10 },
              { header: '现场报名', key: 'walkIn', width: 10 },
              { header: '报名时间', key: 'signedUp', width: 18 },
              { header: '签到时间', key: 'checkedIn', width: 18 },
              { header: '签退时间', key: 'checkedOut', width: 18 },
              { header: '补录原因', key: 'manual', width: 20 },
            ],
            rows: map(this.activities.exportAttendance(scope), (t) => ({
              activity: t.activity,
              start: cstMinute(t.startAt),
              community: t.community ?? '',
              member: person(t.memberName),
              branch: t.branch ?? '',
              status: ATTENDANCE_STATUS_LABELS[t.status] ?? t.status,
              walkIn: t.walkIn ? '是' : '否',
              signedUp: cstMinute(t.signedUpAt),
              checkedIn: cstMinute(t.checkedInAt),
              checkedOut: cstMinute(t.checkedOutAt),
              manual: t.manualReason ?? '',
            })),
          },
        ];
    }
  }
}
