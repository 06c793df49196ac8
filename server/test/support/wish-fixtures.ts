import type { CreateWish } from '@nuancheng/shared';
import sharp from 'sharp';
import { RegionEntity } from '../../src/modules/regions/region.entity';
import type { TestApp } from './test-app';

/** A small real PNG, different each call. */
export async function photoBytes(seed = Math.floor(Math.random() * 255)): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: seed, g: 120, b: 200 } } })
    .png()
    .toBuffer();
}

/** Uploads a photo as the given user and returns its id. */
export async function uploadPhoto(t: TestApp, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await photoBytes())], { type: 'image/png' }), 'photo.png');
  const response = await t.request('POST', '/api/uploads', { token, body: form });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export async function communityId(t: TestApp, code: string): Promise<string> {
  return (await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ code })).id;
}

export function wishInput(community: string, overrides: Partial<CreateWish> = {}): Record<string, unknown> {
  return {
    communityId: community,
    title: '我需要一个电风扇',
    description: '家里老人夏天怕热，想要一台落地电风扇。',
    category: '家用电器',
    estimatedValueYuan: 150,
    beneficiaryName: '王秀英',
    hardshipCategory: '独居老人',
    sensitiveConsent: { agreed: true, version: '2026-11-v1' },
    ...overrides,
  };
}

/** Posts a wish as `token` and, with `staffToken`, approves it. Returns its id. */
export async function publishedWish(t: TestApp, token: string, staffToken: string, community: string, overrides: Partial<CreateWish> = {}): Promise<string> {
  const posted = await t.request('POST', '/api/wishes', { token, body: wishInput(community, overrides) });
  if (posted.status !== 201) throw new Error(`post failed: ${posted.status} ${JSON.stringify(posted.body)}`);
  const reviewed = await t.request('POST', `/api/wishes/${posted.body.id}/review`, { token: staffToken, body: { decision: 'approve' } });
  if (reviewed.status !== 200) throw new Error(`review failed: ${reviewed.status} ${JSON.stringify(reviewed.body)}`);
  return posted.body.id;
}
