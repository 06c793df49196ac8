import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_RULE } from '../src/common/access/access.decorator';
import { RegionEntity } from '../src/modules/regions/region.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

describe(`scope checks (${TEST_DB})`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const token = async (persona: string) => (tokens[persona] ??= await t.signIn(`dev:${persona}`));
  const patchKangdu = async (persona: string | null, checkinRadiusM: number) =>
    t.request('PATCH', '/api/communities/KDSQ01', { token: persona ? await token(persona) : undefined, body: { checkinRadiusM } });
  const radius = async (code: string) => (await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ code })).checkinRadiusM;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('should stop community staff of 江林社区 acting in 康都社区, and change nothing', async () => {
    const response = await patchKangdu('staff-jl', 900);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: '没有权限执行此操作' });
    expect(await radius('KDSQ01')).toBe(500);
  });

  it('should let staff act in their own community only', async () => {
    expect((await t.request('PATCH', '/api/communities/JLSQ01', { token: await token('staff-jl'), body: { checkinRadiusM: 300 } })).status).toBe(200);
    expect(await radius('JLSQ01')).toBe(300);
    const own = await patchKangdu('staff', 800);
    expect(own.status).toBe(200);
    expect(own.body.checkinRadiusM).toBe(800);
  });

  it('should let a street official act in every community of their street and none elsewhere', async () => {
    expect((await patchKangdu('official', 600)).status).toBe(200);
    const other = await t.request('PATCH', '/api/communities/JLSQ01', { token: await token('official'), body: { checkinRadiusM: 100 } });
    expect(other.status).toBe(403);
    expect(await radius('JLSQ01')).toBe(300);
  });

  it('should let the city committee act anywhere in the city', async () => {
    expect((await patchKangdu('committee', 700)).status).toBe(200);
  });

  it('should refuse residents, members and anonymous callers', async () => {
    expect((await patchKangdu('resident', 1)).status).toBe(403);
    expect((await patchKangdu('member-01', 1)).status).toBe(403);
    expect((await patchKangdu(null, 1)).status).toBe(401);
    expect(await radius('KDSQ01')).toBe(700);
  });

  it('should not let an organisation role leak into the region tree', async () => {
    // org_admin of 市林草局 holds a role in the organisation tree only.
    expect((await patchKangdu('org-admin', 1)).status).toBe(403);
  });

  it('should answer 404, not 403, for a community that does not exist', async () => {
    const response = await t.request('PATCH', '/api/communities/NOPE01', { token: await token('committee'), body: { checkinRadiusM: 100 } });
    expect(response.status).toBe(404);
  });

  it('should validate input before changing anything', async () => {
    const response = await patchKangdu('staff', 10);
    expect(response.status).toBe(400);
    expect(response.body.details[0].path).toBe('checkinRadiusM');
    expect(await radius('KDSQ01')).toBe(700);
  });

  it('should declare an access rule on every route (deny by default)', () => {
    const missing: string[] = [];
    let routes = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        const controller = metatype as { prototype: Record<string, unknown>; name: string };
        for (const name of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = controller.prototype[name] as object;
          if (name === 'constructor' || typeof handler !== 'function') continue;
          if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          routes++;
          if (!Reflect.getMetadata(ACCESS_RULE, handler) && !Reflect.getMetadata(ACCESS_RULE, controller)) missing.push(`${controller.name}.${name}`);
        }
      }
    }
    expect(routes).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });
});
