import { Injectable } from '@nestjs/common';
import type { AuditPage, AuditQuery, AuditResult } from '@nuancheng/shared';
import { Between, DataSource, FindOptionsWhere, LessThanOrEqual, Like, MoreThanOrEqual } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { AppException } from '../../common/errors/app.exception';
import { AuditLogEntity } from './audit-log.entity';

/** Committee admins read the log: newest first, filtered by actor, target, action and time. */
@Injectable()
export class AuditSearchService {
  constructor(private readonly dataSource: DataSource) {}

  async search(principal: Principal, query: AuditQuery): Promise<AuditPage> {
    // The log spans every district and unit, so it is the city's: a district's committee admin is not its reader.
    const cityLevel = principal.assignments.some((a) => a.role === 'system_admin' || (a.role === 'committee_admin' && a.regionLevel === 'city'));
    if (!cityLevel) throw AppException.forbidden('审计日志由市级工委管理员查阅');
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw AppException.badRequest('开始时间不能晚于结束时间');
    const where: FindOptionsWhere<AuditLogEntity> = {};
    if (query.actorId) where.actorId = query.actorId;
    if (query.subjectId) where.subjectId = query.subjectId;
    // `wishes.` finds every action on wishes; the pattern has no wildcards of its own (the schema allows none).
    if (query.action) where.action = query.action.endsWith('.') ? Like(`${query.action}%`) : query.action;
    if (from && to) where.createdAt = Between(from, to);
    else if (from) where.createdAt = MoreThanOrEqual(from);
    else if (to) where.createdAt = LessThanOrEqual(to);
    const [rows, total] = await this.dataSource.getRepository(AuditLogEntity).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        seq: r.seq,
        at: r.createdAt.toISOString(),
        actorId: r.actorId,
        role: r.role,
        scopeName: r.scopeName,
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        result: (r.result as AuditResult | null) ?? null,
        fields: r.fields ? r.fields.split(',') : [],
        reason: r.reason,
        ip: r.ip,
        userAgent: r.userAgent,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
