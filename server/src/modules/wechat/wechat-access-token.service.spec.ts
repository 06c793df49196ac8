import { Logger } from '@nestjs/common';
import { startWechatStandIn, WechatStandIn, wechatEnvFor } from '../../../test/wechat-stand-in';
import { AppConfig, loadConfig } from '../../config/config';
import { WechatAccessTokenService } from './wechat-access-token.service';
import { WechatAccessTokenError } from './wechat-api.error';

const STABLE_TOKEN = '/cgi-bin/stable_token';

function configFor(standIn: WechatStandIn, env: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', ...wechatEnvFor(standIn), WECHAT_TIMEOUT_MS: '2000', ...env });
}

describe('WechatAccessTokenService', () => {
  let standIn: WechatStandIn;
  let now: number;
  let sut: WechatAccessTokenService;

  beforeAll(async () => {
    standIn = await startWechatStandIn({ slowMs: 1000 });
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await standIn.close();
  });
  beforeEach(() => {
    standIn.reset();
    now = 1_700_000_000_000;
    sut = new WechatAccessTokenService(configFor(standIn), () => now);
  });

  it('should ask stable_token with the configured appid and secret', async () => {
    const token = await sut.getToken();

    expect(token).toMatch(/^standin-token-/);
    expect(standIn.callsTo(STABLE_TOKEN)).toEqual([
      expect.objectContaining({
        method: 'POST',
        body: { grant_type: 'client_credential', appid: standIn.appId, secret: standIn.secret, force_refresh: false },
      }),
    ]);
  });

  it('should cache the token: two calls make one request', async () => {
    const first = await sut.getToken();
    const second = await sut.getToken();

    expect(second).toBe(first);
    expect(standIn.callsTo(STABLE_TOKEN)).toHaveLength(1);
  });

  it('should share one request among concurrent callers', async () => {
    const tokens = await Promise.all(Array.from({ length: 5 }, () => sut.getToken()));

    expect(new Set(tokens).size).toBe(1);
    expect(standIn.callsTo(STABLE_TOKEN)).toHaveLength(1);
  });

  it('should fetch again once the token is within 5 minutes of expiry', async () => {
    await sut.getToken();
    // The stand-in reports the remaining life of its current token, as WeChat does.
    const expiresInS = (standIn.callsTo(STABLE_TOKEN)[0].response as { expires_in: number }).expires_in;
    now += (expiresInS - 300) * 1000 - 1;
    await sut.getToken();
    expect(standIn.callsTo(STABLE_TOKEN)).toHaveLength(1);

    now += 1;
    await sut.getToken();
    expect(standIn.callsTo(STABLE_TOKEN)).toHaveLength(2);
  });

  it('should keep a short-lived token for half its remaining life', async () => {
    const shortLived = await startWechatStandIn({ tokenTtlS: 200 });
    try {
      const service = new WechatAccessTokenService(configFor(shortLived), () => now);
      await service.getToken();
      now += 99_999;
      await service.getToken();
      expect(shortLived.callsTo(STABLE_TOKEN)).toHaveLength(1);

      now += 1;
      await service.getToken();
      expect(shortLived.callsTo(STABLE_TOKEN)).toHaveLength(2);
    } finally {
      await shortLived.close();
    }
  });

  it('should force a refresh when asked, and cache the new token', async () => {
    const old = await sut.getToken();

    const fresh = await sut.getToken({ forceRefresh: true });

    expect(fresh).not.toBe(old);
    expect(await sut.getToken()).toBe(fresh);
    expect(standIn.callsTo(STABLE_TOKEN).map((c) => (c.body as { force_refresh: boolean }).force_refresh)).toEqual([false, true]);
  });

  it('should not force another refresh when the rejected token was already replaced', async () => {
    const old = await sut.getToken();
    const fresh = await sut.getToken({ forceRefresh: true, rejectedToken: old });

    const again = await sut.getToken({ forceRefresh: true, rejectedToken: old });

    expect(again).toBe(fresh);
    expect(standIn.callsTo(STABLE_TOKEN)).toHaveLength(2);
  });

  it('should share one forced refresh among concurrent callers', async () => {
    const old = await sut.getToken();

    const tokens = await Promise.all(Array.from({ length: 5 }, () => sut.getToken({ forceRefresh: true, rejectedToken: old })));

    expect(new Set(tokens).size).toBe(1);
    expect(standIn.callsTo(STABLE_TOKEN)).toHaveLength(2);
  });

  it.each([
    ['an invalid appid', { WECHAT_APPID: 'wx-wrong' }, 40013],
    ['an invalid secret', { WECHAT_SECRET: 'wrong-secret' }, 40125],
  ])('should fail without retry on %s', async (_case, env, errcode) => {
    const service = new WechatAccessTokenService(configFor(standIn, env), () => now);

    const err = await service.getToken().catch((e: unknown) => e);

    expect(err).toBeInstanceOf(WechatAccessTokenError);
    expect(err).toMatchObject({ errcode, retryable: false });
    expect((err as Error).message).not.toContain(standIn.secret);
  });

  it('should report WeChat busy (-1) as retryable, and not cache the failure', async () => {
    const busy = await startWechatStandIn({ secret: 'busy' });
    try {
      const service = new WechatAccessTokenService(configFor(busy), () => now);

      await expect(service.getToken()).rejects.toMatchObject({ errcode: -1, retryable: true });
      await expect(service.getToken()).rejects.toBeInstanceOf(WechatAccessTokenError);
      expect(busy.callsTo(STABLE_TOKEN)).toHaveLength(2);
    } finally {
      await busy.close();
    }
  });

  it('should give up after the configured timeout', async () => {
    const slow = await startWechatStandIn({ secret: 'slow', slowMs: 1000 });
    try {
      const service = new WechatAccessTokenService(configFor(slow, { WECHAT_TIMEOUT_MS: '200' }), () => now);
      const started = Date.now();

      await expect(service.getToken()).rejects.toMatchObject({ errcode: null, retryable: true });
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      await slow.close();
    }
  });

  it('should fail without a request when appid/secret are not configured', async () => {
    const config = configFor(standIn);
    const service = new WechatAccessTokenService({ ...config, wechat: { ...config.wechat, appId: null, secret: null } });

    await expect(service.getToken()).rejects.toMatchObject({ errcode: null, retryable: false });
    expect(standIn.calls).toHaveLength(0);
  });
});
