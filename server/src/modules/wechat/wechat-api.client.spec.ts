import { HttpStatus, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { startWechatStandIn, WechatStandIn, wechatEnvFor } from '../../../test/wechat-stand-in';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { AppConfig, loadConfig } from '../../config/config';
import { ConfigModule } from '../../config/config.module';
import { WechatAccessTokenService } from './wechat-access-token.service';
import { WechatApiClient } from './wechat-api.client';
import { WechatApiError, WechatSubscriptionRefusedError } from './wechat-api.error';
import { WechatModule } from './wechat.module';

const JSCODE2SESSION = '/sns/jscode2session';
const STABLE_TOKEN = '/cgi-bin/stable_token';
const PHONE = '/wxa/business/getuserphonenumber';
const MSG_SEC_CHECK = '/wxa/msg_sec_check';
const SUBSCRIBE_SEND = '/cgi-bin/message/subscribe/send';

function configFor(standIn: WechatStandIn, env: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', ...wechatEnvFor(standIn), WECHAT_TIMEOUT_MS: '2000', ...env });
}

function clientFor(config: AppConfig): WechatApiClient {
  return new WechatApiClient(config, new WechatAccessTokenService(config));
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

function expectAppException(err: unknown, status: HttpStatus, code: ErrorCode, message?: string | RegExp) {
  expect(err).toBeInstanceOf(AppException);
  const appErr = err as AppException;
  expect(appErr.getStatus()).toBe(status);
  expect(appErr.code).toBe(code);
  if (message !== undefined) expect(appErr.message).toMatch(message);
}

describe('WechatApiClient', () => {
  let standIn: WechatStandIn;
  let sut: WechatApiClient;
  const logged: string[] = [];

  beforeAll(async () => {
    standIn = await startWechatStandIn({ slowMs: 1000 });
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await standIn.close();
  });
  beforeEach(() => {
    standIn.reset();
    sut = clientFor(configFor(standIn));
  });

  describe('code2Session', () => {
    it('should return openid and session key for a valid code', async () => {
      const session = await sut.code2Session('ok:alice');

      const [call] = standIn.callsTo(JSCODE2SESSION);
      expect(call.query).toEqual({
        appid: standIn.appId,
        secret: standIn.secret,
        js_code: 'ok:alice',
        grant_type: 'authorization_code',
      });
      expect(session).toEqual({
        openid: 'wx-openid-alice',
        unionid: null,
        sessionKey: (call.response as { session_key: string }).session_key,
      });
    });

    it('should return the unionid when WeChat sends one', async () => {
      await expect(sut.code2Session('union:bob')).resolves.toMatchObject({ openid: 'wx-openid-bob', unionid: 'wx-unionid-bob' });
    });

    it.each([
      ['bad-code', 'an invalid code (40029)', HttpStatus.BAD_REQUEST, ErrorCode.WechatCodeInvalid, '登录凭证无效或已过期，请重新进入小程序'],
      ['used-code', 'a used code (40163)', HttpStatus.BAD_REQUEST, ErrorCode.WechatCodeInvalid, '登录凭证无效或已过期，请重新进入小程序'],
      ['rate-limited', 'rate limiting (45011)', HttpStatus.TOO_MANY_REQUESTS, ErrorCode.WechatRateLimited, '操作过于频繁，请稍后再试'],
      ['risky-user', 'a risky user (40226)', HttpStatus.FORBIDDEN, ErrorCode.WechatRiskyUser, '该微信账号存在安全风险，暂时无法使用，请联系社区工作人员'],
      ['busy', 'WeChat busy (-1)', HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatBusy, '微信服务繁忙，请稍后再试'],
      ['gateway-error', 'an HTTP 502', HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatUnavailable, '暂时无法连接微信服务，请稍后再试'],
      ['not-json', 'an answer that is not JSON', HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatUnavailable, '暂时无法连接微信服务，请稍后再试'],
    ])('should map %s to a user-facing error for %s', async (code, _case, status, errorCode, message) => {
      expectAppException(await caught(sut.code2Session(code)), status, errorCode, message);
    });

    it('should map any other errcode to 502 naming the errcode', async () => {
      const wrongSecret = clientFor(configFor(standIn, { WECHAT_SECRET: 'wrong-secret' }));

      const err = await caught(wrongSecret.code2Session('ok:alice'));

      expectAppException(err, HttpStatus.BAD_GATEWAY, ErrorCode.WechatUnavailable, /40125/);
      expect((err as Error).message).not.toContain('wrong-secret');
    });

    it('should give up after the configured timeout with 503', async () => {
      const impatient = clientFor(configFor(standIn, { WECHAT_TIMEOUT_MS: '200' }));
      const started = Date.now();

      const err = await caught(impatient.code2Session('slow'));

      expectAppException(err, HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatUnavailable, '暂时无法连接微信服务，请稍后再试');
      expect(Date.now() - started).toBeLessThan(900);
    });

    it('should answer 503 when WeChat cannot be reached at all', async () => {
      const closed = await startWechatStandIn();
      await closed.close();
      const unreachable = clientFor(configFor(closed));

      expectAppException(await caught(unreachable.code2Session('ok:alice')), HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatUnavailable);
    });

    it('should reject an empty code without calling WeChat', async () => {
      expectAppException(await caught(sut.code2Session('')), HttpStatus.BAD_REQUEST, ErrorCode.WechatCodeInvalid);
      expect(standIn.calls).toHaveLength(0);
    });

    it('should keep the session key out of errors and logs when the answer is unusable', async () => {
      const err = await caught(sut.code2Session('no-openid'));

      const sessionKey = (standIn.callsTo(JSCODE2SESSION)[0].response as { session_key: string }).session_key;
      expect(sessionKey).toBeTruthy();
      expectAppException(err, HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatUnavailable);
      expect(JSON.stringify((err as AppException).getResponse())).not.toContain(sessionKey);
      expect((err as Error).message).not.toContain(sessionKey);
      expect((err as Error).stack).not.toContain(sessionKey);
      expect(logged.join('\n')).toContain('sns/jscode2session');
      expect(logged.join('\n')).not.toContain(sessionKey);
    });
  });

  describe('getPhoneNumber', () => {
    it('should return the phone number for the code', async () => {
      await expect(sut.getPhoneNumber('phone:13800138000')).resolves.toEqual({
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
      });
      expect(standIn.callsTo(PHONE)[0].body).toEqual({ code: 'phone:13800138000' });
    });

    it.each([
      ['bad-phone-code', HttpStatus.BAD_REQUEST, ErrorCode.WechatCodeInvalid, '手机号授权已失效，请重新授权'],
      ['rate-limited', HttpStatus.TOO_MANY_REQUESTS, ErrorCode.WechatRateLimited, '操作过于频繁，请稍后再试'],
      ['busy', HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatBusy, '微信服务繁忙，请稍后再试'],
    ])('should map code %s to a user-facing error', async (code, status, errorCode, message) => {
      expectAppException(await caught(sut.getPhoneNumber(code)), status, errorCode, message);
    });

    it('should answer 503 when no access token can be had', async () => {
      const wrongSecret = clientFor(configFor(standIn, { WECHAT_SECRET: 'wrong-secret' }));

      const err = await caught(wrongSecret.getPhoneNumber('phone:13800138000'));

      expectAppException(err, HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatUnavailable, '暂时无法连接微信服务，请稍后再试');
      expect(standIn.callsTo(PHONE)).toHaveLength(0);
    });

    it('should refresh an expired token (42001) once and succeed', async () => {
      await sut.getPhoneNumber('phone:13800138000');
      standIn.reset();
      standIn.expireTokens();

      await expect(sut.getPhoneNumber('phone:13900139000')).resolves.toMatchObject({ phoneNumber: '13900139000' });

      expect(standIn.calls.map((c) => [c.path, (c.response as { errcode?: number }).errcode ?? 0])).toEqual([
        [PHONE, 42001],
        [STABLE_TOKEN, 0],
        [PHONE, 0],
      ]);
      expect(standIn.callsTo(STABLE_TOKEN)[0].body).toMatchObject({ force_refresh: true });
    });
  });

  describe('msgSecCheck', () => {
    it.each([
      ['今天天气很好，谢谢志愿者', undefined, 'pass', 100],
      ['有人在小区里赌博', undefined, 'risky', 20006],
      ['这是一段敏感内容', undefined, 'review', 21000],
      ['正文没有问题', '赌博', 'risky', 20006],
    ])('should check %p (title %p) as %s', async (content, title, suggest, label) => {
      const result = await sut.msgSecCheck({ content, title, openid: 'wx-openid-alice', scene: 2 });

      expect(result).toEqual({ suggest, label, traceId: expect.stringMatching(/^standin-trace-/) });
      expect(standIn.callsTo(MSG_SEC_CHECK)[0].body).toEqual({ content, title, version: 2, scene: 2, openid: 'wx-openid-alice' });
    });

    it('should refresh a token another process invalidated (40001) once and succeed', async () => {
      await sut.msgSecCheck({ content: '你好', openid: 'wx-openid-alice', scene: 1 });
      // Another server instance forcing a refresh invalidates our cached token, as on WeChat.
      await new WechatAccessTokenService(configFor(standIn)).getToken({ forceRefresh: true });
      standIn.reset();

      await expect(sut.msgSecCheck({ content: '你好', openid: 'wx-openid-alice', scene: 1 })).resolves.toMatchObject({ suggest: 'pass' });

      expect(standIn.calls.map((c) => [c.path, (c.response as { errcode?: number }).errcode ?? 0])).toEqual([
        [MSG_SEC_CHECK, 40001],
        [STABLE_TOKEN, 0],
        [MSG_SEC_CHECK, 0],
      ]);
    });

    it('should retry only once when the token is still rejected', async () => {
      const config = configFor(standIn);
      const neverValid = { getToken: async () => 'never-valid-token' } as unknown as WechatAccessTokenService;
      const client = new WechatApiClient(config, neverValid);

      await expect(client.msgSecCheck({ content: '你好', openid: 'wx-openid-alice', scene: 1 })).rejects.toMatchObject({
        errcode: 40001,
      });
      expect(standIn.callsTo(MSG_SEC_CHECK)).toHaveLength(2);
    });

    it('should throw a retryable WechatApiError when WeChat is busy', async () => {
      const err = await caught(sut.msgSecCheck({ content: 'busy', openid: 'wx-openid-alice', scene: 2 }));

      expect(err).toBeInstanceOf(WechatApiError);
      expect(err).toMatchObject({ errcode: -1, retryable: true });
    });

    it('should throw a retryable WechatApiError on timeout', async () => {
      const impatient = clientFor(configFor(standIn, { WECHAT_TIMEOUT_MS: '200' }));

      await expect(impatient.msgSecCheck({ content: 'slow', openid: 'wx-openid-alice', scene: 2 })).rejects.toMatchObject({
        errcode: null,
        retryable: true,
      });
    });
  });

  describe('sendSubscribeMessage', () => {
    const message = {
      toUser: 'wx-openid-alice',
      templateId: 'tpl-wish-claimed',
      page: 'pages/index/index',
      data: { thing1: { value: '米和油' }, time2: { value: '2025-01-01 10:00' } },
      miniprogramState: 'formal' as const,
    };

    it('should send the message in WeChat field names', async () => {
      await expect(sut.sendSubscribeMessage(message)).resolves.toBeUndefined();

      expect(standIn.callsTo(SUBSCRIBE_SEND)[0].body).toEqual({
        touser: 'wx-openid-alice',
        template_id: 'tpl-wish-claimed',
        page: 'pages/index/index',
        data: message.data,
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      });
    });

    it('should throw WechatSubscriptionRefusedError (not retryable) when the user refused (43101)', async () => {
      const err = await caught(sut.sendSubscribeMessage({ ...message, toUser: 'refused' }));

      expect(err).toBeInstanceOf(WechatSubscriptionRefusedError);
      expect(err).toMatchObject({ errcode: 43101, retryable: false });
    });

    it.each([
      ['an invalid template (40037)', { templateId: 'bad-template' }, 40037, false],
      ['invalid data (47003)', { data: { thing1: { value: 5 } } as never }, 47003, false],
      ['WeChat busy (-1)', { toUser: 'busy' }, -1, true],
    ])('should throw WechatApiError for %s', async (_case, change, errcode, retryable) => {
      const err = await caught(sut.sendSubscribeMessage({ ...message, ...change }));

      expect(err).toBeInstanceOf(WechatApiError);
      expect(err).not.toBeInstanceOf(WechatSubscriptionRefusedError);
      expect(err).toMatchObject({ errcode, retryable });
    });
  });

  describe('WechatModule', () => {
    it('should provide the client with the shared token service', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot(configFor(standIn)), WechatModule],
      }).compile();
      const client = moduleRef.get(WechatApiClient);

      await client.getPhoneNumber('phone:13800138000');
      await moduleRef.get(WechatAccessTokenService).getToken();

      expect(standIn.callsTo(STABLE_TOKEN)).toHaveLength(1);
      await moduleRef.close();
    });
  });
});
