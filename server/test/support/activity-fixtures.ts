import type { TestApp } from './test-app';
import { communityId } from './wish-fixtures';

export const MINUTE = 60_000;
/** 康都社区's point (the demo city): inside its 500 m radius. */
export const KANGDU = { lat: 40.7689, lng: 107.4123 };
export const AT_KANGDU = { ...KANGDU, accuracy: 30 };

/** Publishes an activity in 康都社区 as dev:staff, `startIn` minutes from the app's now, lasting `minutes`. */
export async function publishActivity(
  t: TestApp,
  staff: string,
  options: { startIn?: number; minutes?: number; capacity?: number; walkIns?: boolean; deadlineIn?: number; title?: string } = {},
): Promise<string> {
  const now = t.clock.now().getTime();
  const start = now + (options.startIn ?? 10) * MINUTE;
  const end = start + (options.minutes ?? 120) * MINUTE;
  const response = await t.request('POST', '/api/activities', {
    token: staff,
    body: {
      communityId: await communityId(t, 'KDSQ01'),
      title: options.title ?? '普法宣传进社区',
      type: '普法宣传',
      placeName: '康都小区中心广场',
      startAt: new Date(start).toISOString(),
      endAt: new Date(end).toISOString(),
      capacity: options.capacity ?? 20,
      signupDeadline: new Date(options.deadlineIn !== undefined ? now + options.deadlineIn * MINUTE : end).toISOString(),
      walkInsAllowed: options.walkIns ?? false,
    },
  });
  if (response.status !== 201) throw new Error(`publish failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export async function checkinCode(t: TestApp, staff: string, id: string): Promise<string> {
  const response = await t.request('GET', `/api/activities/${id}/checkin-code`, { token: staff });
  if (response.status !== 200) throw new Error(`code failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token;
}

export async function signUp(t: TestApp, member: string, id: string): Promise<void> {
  const response = await t.request('POST', `/api/activities/${id}/signup`, { token: member, body: {} });
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
}
