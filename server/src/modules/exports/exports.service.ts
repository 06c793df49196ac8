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

/** Rows read from an async source, each turned into another as it is read. */
function map<T, R>(rows: AsyncIterable<T>, f: (row: T) => R): AsyncIterable<R> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const row of rows) yield f(row);
    },
  };
}

/** One column of a sheet: its header, key and width, and how a row gives its cell. */
type Field<T> = readonly [header: string, key: string, width: number, value: (row: T) => unknown];

/** A sheet declared column by column: each column's header and width stand beside the cell it is filled with. */
function sheet<T>(name: string, rows: AsyncIterable<T>, fields: ReadonlyArray<Field<T>>): XlsxSheet {
  return {
    name,
    columns: fields.map(([header, key, width]) => ({ header, key, width })),
    rows: map(rows, (row) => Object.fromEntries(fields.map(([, key, , value]) => [key, value(row)]))),
  };
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
    switch (kind) {
      case 'ledger':
        return [
          sheet('服务台账', this.ledger.exportRows(scope), [
            ['时间', 'at', 18, (e) => cstMinute(e.occurredAt)],
            ['党员或单位', 'who', 16, (e) => (e.memberName ? person(e.memberName) : (e.organisationName ?? ''))],
            ['类别', 'kind', 12, (e) => LEDGER_KIND_LABELS[e.kind] ?? e.kind],
            ['内容', 'description', 36, (e) => e.description],
            ['服务时长（分钟）', 'minutes', 12, (e) => e.serviceMinutes],
            ['折合价值（元）', 'value', 12, (e) => e.valueYuan],
            ['社区', 'community', 14, (e) => e.community ?? ''],
            ['街道', 'street', 14, (e) => e.street ?? ''],
            ['党支部', 'branch', 24, (e) => e.branch ?? ''],
            ['单位', 'unit', 18, (e) => e.unit ?? ''],
            ['更正原因', 'reason', 24, (e) => (e.correctsEntryId ? (e.reason ?? '') : '')],
          ]),
        ];
      case 'reports':
        return [
          sheet(
            '党员半年报告',
            map(this.reports.exportRows(scope), (r) => ({ r, figures: JSON.parse(r.figures) as Partial<ReportFigures> })),
            [
              ['时段', 'period', 10, ({ r }) => r.period],
              ['党员', 'member', 12, ({ r }) => person(r.memberName)],
              ['党支部', 'branch', 24, ({ r }) => r.branch ?? ''],
              ['单位', 'unit', 18, ({ r }) => r.unit ?? ''],
              ['状态', 'status', 10, ({ r }) => REPORT_STATUS_LABELS[r.status] ?? r.status],
              ['服务时长（分钟）', 'minutes', 12, ({ figures }) => figures.totalMinutes ?? 0],
              ['参加活动', 'activities', 10, ({ figures }) => figures.activitiesAttended ?? 0],
              ['完成心愿', 'wishes', 10, ({ figures }) => figures.wishesFulfilled ?? 0],
              ['提交次数', 'version', 10, ({ r }) => r.version],
              ['首次提交', 'firstSubmitted', 18, ({ r }) => cstMinute(r.firstSubmittedAt)],
              ['审核时间', 'decided', 18, ({ r }) => cstMinute(r.decidedAt)],
            ],
          ),
        ];
      case 'wishes':
        return [
          sheet('微心愿', this.wishes.exportRows(scope), [
            ['心愿', 'title', 28, (w) => w.title],
            ['类别', 'category', 10, (w) => w.category],
            ['社区', 'community', 14, (w) => w.community ?? ''],
            ['街道', 'street', 14, (w) => w.street ?? ''],
            ['状态', 'status', 10, (w) => WISH_STATUS_LABELS[w.status] ?? w.status],
            ['受益人', 'beneficiary', 10, (w) => w.beneficiaryMasked],
            ['认领方', 'claimant', 18, (w) => (w.claimantKind === 'member' ? maskName(w.claimantName ?? '') : (w.claimantName ?? ''))],
            ['估计价值（元）', 'value', 12, (w) => w.estimatedValueYuan],
            ['提交时间', 'created', 18, (w) => cstMinute(w.createdAt)],
            ['认领时间', 'claimed', 18, (w) => cstMinute(w.claimedAt)],
            ['完成时间', 'fulfilled', 18, (w) => cstMinute(w.fulfilledAt)],
          ]),
        ];
      case 'activities':
        return [
          sheet('活动', this.activities.exportActivities(scope), [
            ['活动', 'title', 28, (a) => a.title],
            ['类型', 'type', 10, (a) => a.type],
            ['社区', 'community', 14, (a) => a.community ?? ''],
            ['街道', 'street', 14, (a) => a.street ?? ''],
            ['地点', 'place', 20, (a) => a.placeName],
            ['开始时间', 'start', 18, (a) => cstMinute(a.startAt)],
            ['结束时间', 'end', 18, (a) => cstMinute(a.endAt)],
            ['状态', 'status', 10, (a) => ACTIVITY_STATUS_LABELS[a.status] ?? a.status],
            ['组织者', 'organiser', 14, (a) => a.organiserName],
            ['组织单位', 'organisation', 18, (a) => a.organisation ?? ''],
            ['名额', 'capacity', 8, (a) => a.capacity],
            ['已报名', 'taken', 8, (a) => a.taken],
            ['已签到', 'attended', 8, (a) => a.attended],
          ]),
          sheet('报名签到', this.activities.exportAttendance(scope), [
            ['活动', 'activity', 28, (t) => t.activity],
            ['开始时间', 'start', 18, (t) => cstMinute(t.startAt)],
            ['社区', 'community', 14, (t) => t.community ?? ''],
            ['党员', 'member', 12, (t) => person(t.memberName)],
            ['党支部', 'branch', 24, (t) => t.branch ?? ''],
            ['状态', 'status', 10, (t) => ATTENDANCE_STATUS_LABELS[t.status] ?? t.status],
            ['现场报名', 'walkIn', 10, (t) => (t.walkIn ? '是' : '否')],
            ['报名时间', 'signedUp', 18, (t) => cstMinute(t.signedUpAt)],
            ['签到时间', 'checkedIn', 18, (t) => cstMinute(t.checkedInAt)],
            ['签退时间', 'checkedOut', 18, (t) => cstMinute(t.checkedOutAt)],
            ['补录原因', 'manual', 20, (t) => t.manualReason ?? ''],
          ]),
        ];
    }
  }
}
