import { Injectable } from '@nestjs/common';
import { CommunityPublic, CreateRegionInput, REGION_CHILD_LEVEL, Region, RegionLevel, UpdateRegionInput } from '@nuancheng/shared';
import { DataSource, EntityManager, In, Like } from 'typeorm';
import type { ScopeNode } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { AppException } from '../../common/errors/app.exception';
import { isForeignKeyViolation, isUniqueViolation } from '../../common/errors/error.filter';
import { listWhere, pathIds } from '../../common/tree/materialised-path';
import { AuditService } from '../audit/audit.service';
import { newRegion, RegionEntity } from './region.entity';
import { findByColumnIn, findOneByColumn } from '../../common/database/entity-reads';
import { inTransaction } from '../../common/database/transaction';

const DEFAULT_CHECKIN_RADIUS_M = 500;

export function toRegion(entity: RegionEntity): Region {
  return {
    id: entity.id,
    parentId: entity.parentId,
    level: entity.level,
    name: entity.name,
    code: entity.code,
    address: entity.address,
    servicePhone: entity.servicePhone,
    lat: entity.lat,
    lng: entity.lng,
    checkinRadiusM: entity.checkinRadiusM,
  };
}

/** A region as other modules read it: the public fields and its materialised path (no entity outside this module). */
export type RegionNode = Region & { path: string };

const toNode = (entity: RegionEntity): RegionNode => ({ ...toRegion(entity), path: entity.path });

@Injectable()
export class RegionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(RegionEntity);
  }

  async list(query: { parentId?: string; level?: RegionLevel }): Promise<Region[]> {
    const rows = await this.repo.find({ where: listWhere(query), order: { name: 'ASC' } });
    return rows.map(toRegion);
  }

  async get(id: string): Promise<Region> {
    return toRegion(await this.require(id));
  }

  /** The scope node a route acts on, by id or (communities) by public code; null when it does not exist. */
  async findNode(ref: string, by: 'id' | 'code' = 'id'): Promise<ScopeNode | null> {
    const row = await this.repo.findOne({ where: by === 'code' ? { code: ref.toUpperCase() } : { id: ref }, select: ['id', 'path'] });
    return row ? { kind: 'region', id: row.id, path: row.path } : null;
  }

  async nodeOf(id: string, manager: EntityManager = this.dataSource.manager): Promise<RegionNode | null> {
    const row = await findOneByColumn(manager, RegionEntity, 'id', id);
    return row ? toNode(row) : null;
  }

  /** Inside a transaction pass its manager: a second pooled connection per transaction can starve the pool. */
  /** The streets in a region's subtree (the region itself when it is a street); none below street level. */
  async streetsWithin(region: RegionNode, manager: EntityManager = this.dataSource.manager): Promise<RegionNode[]> {
    if (region.level === 'street') return [region];
    const rows = await manager.find(RegionEntity, { where: { level: 'street', path: Like(`${region.path}%`) }, order: { name: 'ASC' } });
    return rows.map(toNode);
  }

  /** The streets a set of regions touches: each region's own streets, and a community's street (by its path). */
  async streetsTouching(regions: RegionNode[], manager: EntityManager = this.dataSource.manager): Promise<RegionNode[]> {
    const streets = new Map<string, RegionNode>();
    const ancestors = await this.nodesOf(
      regions.filter((r) => r.level === 'community').flatMap((r) => r.path.split('/').filter(Boolean)),
      manager,
    );
    for (const r of regions) {
      if (r.level === 'community') {
        for (const a of ancestors.values()) if (a.level === 'street' && r.path.startsWith(a.path)) streets.set(a.id, a);
      } else for (const s of await this.streetsWithin(r, manager)) streets.set(s.id, s);
    }
    return [...streets.values()];
  }

  /** Every street of every city. */
  async allStreets(manager: EntityManager = this.dataSource.manager): Promise<RegionNode[]> {
    return (await manager.find(RegionEntity, { where: { level: 'street' }, order: { name: 'ASC' } })).map(toNode);
  }

  async nodesOf(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, RegionNode>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    return new Map((await findByColumnIn(manager, RegionEntity, 'id', unique)).map((r) => [r.id, toNode(r)]));
  }

  async communitiesByCodes(codes: string[]): Promise<RegionNode[]> {
    if (!codes.length) return [];
    return (await this.repo.find({ where: { code: In(codes.map((c) => c.toUpperCase())), level: 'community' } })).map(toNode);
  }

  async require(id: string): Promise<RegionEntity> {
    const region = await this.repo.findOneBy({ id });
    if (!region) throw AppException.notFound('区域不存在');
    return region;
  }

  async create(input: CreateRegionInput, actorId: string): Promise<Region> {
    const parent = input.parentId ? await this.require(input.parentId) : null;
    const expected: RegionLevel | null = parent ? REGION_CHILD_LEVEL[parent.level] : 'city';
    if (input.level !== expected) {
      throw AppException.badRequest(expected ? `该节点下只能创建「${LEVEL_LABELS[expected]}」` : '社区下不能再创建下级区域');
    }
    const isCommunity = input.level === 'community';
    if (isCommunity && !input.code) throw AppException.badRequest('社区必须设置社区编码（用于二维码）');
    if (!isCommunity && input.code) throw AppException.badRequest('只有社区可以设置社区编码');
    const entity = newRegion(parent, input.level, input.name, this.clock.now(), {
      code: input.code?.toUpperCase() ?? null,
      address: input.address ?? null,
      servicePhone: input.servicePhone ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      checkinRadiusM: isCommunity ? (input.checkinRadiusM ?? DEFAULT_CHECKIN_RADIUS_M) : null,
    });
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await manager.insert(RegionEntity, entity);
        await this.audit.record(manager, { actorId, action: 'region.create', subjectType: 'region', subjectId: entity.id, detail: { name: input.name } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AppException.conflict(`社区编码 ${entity.code} 已被使用，请换一个`);
      throw error;
    }
    return toRegion(entity);
  }

  async update(id: string, input: UpdateRegionInput, actorId: string): Promise<Region> {
    const region = await this.require(id);
    if (input.code !== undefined && region.level !== 'community') throw AppException.badRequest('只有社区可以设置社区编码');
    const changes: Partial<RegionEntity> = { updatedAt: this.clock.now() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.code !== undefined) changes.code = input.code.toUpperCase();
    if (input.address !== undefined) changes.address = input.address;
    if (input.servicePhone !== undefined) changes.servicePhone = input.servicePhone;
    if (input.lat !== undefined) changes.lat = input.lat;
    if (input.lng !== undefined) changes.lng = input.lng;
    if (input.checkinRadiusM !== undefined) changes.checkinRadiusM = input.checkinRadiusM;
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await manager.update(RegionEntity, { id }, changes);
        await this.audit.record(manager, { actorId, action: 'region.update', subjectType: 'region', subjectId: id, detail: { ...input } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AppException.conflict(`社区编码 ${changes.code} 已被使用，请换一个`);
      throw error;
    }
    return toRegion({ ...region, ...changes });
  }

  async remove(id: string, actorId: string): Promise<void> {
    await this.require(id);
    if (await this.repo.existsBy({ parentId: id })) throw AppException.conflict('请先删除下级区域');
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await manager.delete(RegionEntity, { id });
        await this.audit.record(manager, { actorId, action: 'region.delete', subjectType: 'region', subjectId: id });
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw AppException.conflict('该区域仍有人员或业务数据，不能删除');
      throw error;
    }
  }

  /** The public face of a community, as its QR code opens it. */
  async findCommunityByCode(code: string): Promise<CommunityPublic> {
    const community = await this.repo.findOneBy({ code: code.toUpperCase(), level: 'community' });
    if (!community) throw AppException.notFound('没有找到这个社区，请确认二维码是否正确');
    const [, districtId, streetId] = pathIds(community.path);
    const ancestors = await this.repo.find({ where: [{ id: districtId }, { id: streetId }], select: ['id', 'name'] });
    const named = (ancestorId: string) => {
      const found = ancestors.find((a) => a.id === ancestorId);
      return { id: ancestorId, name: found?.name ?? '' };
    };
    return {
      id: community.id,
      code: community.code!,
      name: community.name,
      address: community.address,
      servicePhone: community.servicePhone,
      lat: community.lat,
      lng: community.lng,
      checkinRadiusM: community.checkinRadiusM ?? DEFAULT_CHECKIN_RADIUS_M,
      street: named(streetId),
      district: named(districtId),
    };
  }
}

const LEVEL_LABELS: Record<RegionLevel, string> = { city: '市', district: '区/县/旗', street: '街道/镇/苏木', community: '社区/嘎查村' };
