import { UploadEntity } from '../src/modules/uploads/upload.entity';
import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { TimelineEventEntity } from '../src/modules/workflow/timeline-event.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId, uploadPhoto, wishInput } from './support/wish-fixtures';

describe(`resubmitting a rejected wish (${TEST_DB})`, () => {
  let t: TestApp;
  let resident: string;
  let other: string;
  let staff: string;
  let kangdu: string;

  const edit = (overrides: Record<string, unknown> = {}) => ({
    title: '我需要一台落地电风扇',
    description: '家里老人夏天怕热，想要一台美的落地电风扇，三档风速即可。',
    category: '家用电器',
    estimatedValueYuan: 180,
    photoIds: [],
    ...overrides,
  });

  async function rejectedWish(photoIds: string[] = []): Promise<string> {
    const posted = await t.request('POST', '/api/wishes', { token: resident, body: wishInput(kangdu, { photoIds }) });
    expect(posted.status).toBe(201);
    const rejected = await t.request('POST', `/api/wishes/${posted.body.id}/review`, { token: staff, body: { decision: 'reject', reason: '请补充具体型号后重新提交' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', actions: [] });
    return posted.body.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    [resident, other, staff] = await Promise.all(['dev:resident', 'dev:resubmit-other', 'dev:staff'].map((c) => t.signIn(c)));
    kangdu = await communityId(t, 'KDSQ01');
  });
  afterAll(() => t?.close());

  it('should let the resident edit a rejected wish and send it to review again, keeping the rejection on the timeline', async () => {
    const first = await uploadPhoto(t, resident);
    const id = await rejectedWish([first]);
    const mine = await t.request('GET', `/api/wishes/${id}`, { token: resident });
    expect(mine.body).toMatchObject({ status: 'rejected', rejectReason: '请补充具体型号后重新提交', actions: ['resubmit'] });

    const second = await uploadPhoto(t, resident);
    const resubmitted = await t.request('POST', `/api/wishes/${id}/resubmit`, { token: resident, body: edit({ photoIds: [second] }) });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({
      status: 'submitted',
      title: '我需要一台落地电风扇',
      description: '家里老人夏天怕热，想要一台美的落地电风扇，三档风速即可。',
      estimatedValueYuan: 180,
      rejectReason: null,
      actions: ['withdraw'],
    });
    expect(resubmitted.body.photos.map((p: { id: string }) => p.id)).toEqual([second]);
    // The photo left out is no longer the wish's (free again for its owner).
    expect((await t.dataSource.getRepository(UploadEntity).findOneByOrFail({ id: first })).attachedTo).toBeNull();

    const queue = await t.request('GET', '/api/wishes/review-queue', { token: staff });
    expect(queue.body.items.map((w: { id: string }) => w.id)).toContain(id);
    const timeline = await t.request('GET', `/api/wishes/${id}/timeline`, { token: resident });
    expect(timeline.body.items.map((e: { action: string; actionLabel: string }) => [e.action, e.actionLabel])).toEqual([
      ['submit', '提交'],
      ['reject', '驳回'],
      ['resubmit', '重新提交'],
    ]);
    expect(timeline.body.items[1].note).toBe('请补充具体型号后重新提交');

    // A new review: staff may approve it now.
    const approved = await t.request('POST', `/api/wishes/${id}/review`, { token: staff, body: { decision: 'approve' } });
    expect(approved.body.status).toBe('published');
  });

  it('should refuse another resident and a stranger, and change nothing', async () => {
    const id = await rejectedWish();
    const before = await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id });
    const foreign = await t.request('POST', `/api/wishes/${id}/resubmit`, { token: other, body: edit() });
    expect([403, 404]).toContain(foreign.status);
    expect(foreign.body.message).toMatch(/[\u4e00-\u9fa5]/);
    const byStaff = await t.request('POST', `/api/wishes/${id}/resubmit`, { token: staff, body: edit() });
    expect(byStaff.status).toBe(403);
    expect(byStaff.body.message).toBe('只有心愿发布人可以修改后重新提交');
    expect((await t.request('POST', `/api/wishes/${id}/resubmit`, { body: edit() })).status).toBe(401);
    expect(await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id })).toEqual(before);
  });

  it('should refuse a wish that is not rejected, in words for the state it is in', async () => {
    const posted = await t.request('POST', '/api/wishes', { token: resident, body: wishInput(kangdu) });
    const waiting = await t.request('POST', `/api/wishes/${posted.body.id}/resubmit`, { token: resident, body: edit() });
    expect(waiting.status).toBe(409);
    expect(waiting.body.message).toBe('该心愿正在等待社区审核，不能重新提交');
    await t.request('POST', `/api/wishes/${posted.body.id}/review`, { token: staff, body: { decision: 'approve' } });
    const published = await t.request('POST', `/api/wishes/${posted.body.id}/resubmit`, { token: resident, body: edit() });
    expect(published.status).toBe(409);
    expect(published.body.message).toBe('该心愿已发布，正在等待认领，不能重新提交');
    expect((await t.request('GET', `/api/wishes/${posted.body.id}`, { token: resident })).body.title).toBe('我需要一个电风扇');
  });

  it('should refuse invalid fields with a message per field, leaving the wish and its history as they were', async () => {
    const photo = await uploadPhoto(t, resident);
    const id = await rejectedWish([photo]);
    const before = await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id });
    const entries = () => t.dataSource.getRepository(TimelineEventEntity).countBy({ subjectType: 'wish', subjectId: id });
    const history = await entries();

    const bad = await t.request('POST', `/api/wishes/${id}/resubmit`, { token: resident, body: edit({ title: '', estimatedValueYuan: 5000 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/心愿标题|估价/);
    const othersPhoto = await uploadPhoto(t, other);
    const stolen = await t.request('POST', `/api/wishes/${id}/resubmit`, { token: resident, body: edit({ photoIds: [othersPhoto] }) });
    expect(stolen.status).toBe(400);
    expect(stolen.body.message).toBe('照片不存在或不是你上传的，请重新上传');

    expect(await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id })).toEqual(before);
    expect(await entries()).toBe(history);
    expect((await t.dataSource.getRepository(UploadEntity).findOneByOrFail({ id: photo })).attachedTo).toBe(`wish:${id}`);
  });
});
