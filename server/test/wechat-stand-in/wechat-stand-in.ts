/**
 * A local stand-in for the WeChat server API (api.weixin.qq.com), for tests.
 *
 * It is a real HTTP server on 127.0.0.1 (random port) that answers the endpoints 暖城 calls with WeChat's own
 * response shapes and error codes, so the production client runs unchanged against it: point
 * WECHAT_API_BASE at `standIn.baseUrl`. It checks appid/secret, issues access tokens and rejects unknown or
 * expired ones. Failures are chosen by the value a test sends (a js_code, phone code, content or touser),
 * so tests need no side channel:
 *
 *   jscode2session js_code   ok:<name> → openid wx-openid-<name> (no unionid)   union:<name> → also unionid wx-unionid-<name>
 *                            bad-code → 40029   used-code → 40163   rate-limited → 45011   risky-user → 40226
 *                            busy → -1   slow → answers after `slowMs`   gateway-error → HTTP 502 HTML
 *                            not-json → HTTP 200 HTML   no-openid → a session_key but no openid
 *                            anything else → openid wx-openid-<js_code>
 *   stable_token             wrong appid → 40013   wrong secret → 40125; secret busy → -1, secret slow → slow
 *                            (configure the client with those secrets and the stand-in with the same)
 *   getuserphonenumber code  phone:<11 digits> → that number   bad-phone-code or malformed phone: → 40029
 *                            rate-limited → 45011   busy → -1   slow   anything else → a number derived from it
 *   msg_sec_check content    contains a risky word (default 赌博) → risky/20006; a review word (default 敏感)
 *                            → review/21000; otherwise pass/100.   exactly busy → -1, exactly slow → slow
 *   subscribe/send           touser refused → 43101   template_id bad-template → 40037   touser busy → -1
 *                            touser slow → slow   data values not {value: string} → 47003
 *   every token endpoint     missing access_token → 41001   unknown → 40001   after expireTokens() → 42001
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface WechatStandInOptions {
  appId?: string;
  secret?: string;
  /** Words that make msg_sec_check answer `risky` (label 20006). */
  riskyWords?: string[];
  /** Words that make msg_sec_check answer `review` (label 21000). */
  reviewWords?: string[];
  /** How long the `slow` cases wait before answering; make it longer than the client's timeout. */
  slowMs?: number;
  /** `expires_in` of issued access tokens, in seconds. */
  tokenTtlS?: number;
}

export interface WechatStandInCall {
  method: string;
  /** Path without the query, e.g. `/sns/jscode2session`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body of a POST (the raw text if it was not JSON); undefined for a GET. */
  body: unknown;
  /** What the stand-in answered (undefined while a slow answer is pending or for a non-JSON answer). */
  response?: unknown;
}

export interface WechatStandIn {
  /** e.g. http://127.0.0.1:40123, to use as WECHAT_API_BASE. */
  baseUrl: string;
  appId: string;
  secret: string;
  /** Every request received, in order. */
  calls: WechatStandInCall[];
  /** The calls to one path, e.g. `callsTo('/cgi-bin/stable_token')`. */
  callsTo(path: string): WechatStandInCall[];
  /** Marks every issued access token expired: the next use answers 42001. */
  expireTokens(): void;
  /** Empties the call log (issued tokens stay valid). */
  reset(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const ERRORS = {
  systemBusy: { errcode: -1, errmsg: 'system error' },
  invalidAppId: { errcode: 40013, errmsg: 'invalid appid' },
  invalidSecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  invalidGrantType: { errcode: 40002, errmsg: 'invalid grant_type' },
  invalidCode: { errcode: 40029, errmsg: 'invalid code' },
  codeUsed: { errcode: 40163, errmsg: 'code been used' },
  rateLimited: { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
  riskyUser: { errcode: 40226, errmsg: 'high risk user' },
  missingCode: { errcode: 41008, errmsg: 'missing code' },
  missingToken: { errcode: 41001, errmsg: 'access_token missing' },
  invalidToken: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  expiredToken: { errcode: 42001, errmsg: 'access_token expired' },
  invalidOpenid: { errcode: 40003, errmsg: 'invalid openid' },
  invalidArgs: { errcode: 40097, errmsg: 'invalid args' },
  dataFormat: { errcode: 47001, errmsg: 'data format error' },
  argumentInvalid: { errcode: 47003, errmsg: 'argument invalid!' },
  invalidTemplate: { errcode: 40037, errmsg: 'invalid template_id' },
  userRefused: { errcode: 43101, errmsg: 'user refuse to accept the msg' },
} as const;

function withRid(error: { errcode: number; errmsg: string }): Json {
  return { errcode: error.errcode, errmsg: `${error.errmsg} rid: ${randomBytes(6).toString('hex')}` };
}

function digitsFrom(text: string, count: number): string {
  const hash = createHash('sha256').update(text).digest();
  return Array.from(hash.subarray(0, count), (b) => String(b % 10)).join('');
}

export async function startWechatStandIn(opts: WechatStandInOptions = {}): Promise<WechatStandIn> {
  const appId = opts.appId ?? 'wx-standin-appid';
  const secret = opts.secret ?? 'standin-secret';
  const riskyWords = opts.riskyWords ?? ['赌博'];
  const reviewWords = opts.reviewWords ?? ['敏感'];
  const slowMs = opts.slowMs ?? 2000;
  const tokenTtlS = opts.tokenTtlS ?? 7200;

  const calls: WechatStandInCall[] = [];
  // token → expiry time (ms); a token missing from the map was never issued or was replaced by a forced refresh.
  const tokens = new Map<string, number>();
  let current: string | null = null;
  let tokenCounter = 0;
  const pendingTimers = new Set<NodeJS.Timeout>();

  function issueToken(): string {
    const token = `standin-token-${++tokenCounter}-${randomBytes(8).toString('hex')}`;
    tokens.set(token, Date.now() + tokenTtlS * 1000);
    current = token;
    return token;
  }

  /** Returns an error answer when the access_token in the query is not usable, else null. */
  function checkToken(query: Record<string, string>): Json | null {
    const token = query.access_token;
    if (!token) return withRid(ERRORS.missingToken);
    const expiresAt = tokens.get(token);
    if (expiresAt === undefined) return withRid(ERRORS.invalidToken);
    if (Date.now() >= expiresAt) return withRid(ERRORS.expiredToken);
    return null;
  }

  function jscode2session(query: Record<string, string>): Json | 'slow' | 'gateway-error' | 'not-json' {
    if (query.appid !== appId) return withRid(ERRORS.invalidAppId);
    if (query.secret !== secret) return withRid(ERRORS.invalidSecret);
    if (query.grant_type !== 'authorization_code') return withRid(ERRORS.invalidGrantType);
    const code = query.js_code;
    if (!code) return withRid(ERRORS.missingCode);
    switch (code) {
      case 'bad-code':
        return withRid(ERRORS.invalidCode);
      case 'used-code':
        return withRid(ERRORS.codeUsed);
      case 'rate-limited':
        return withRid(ERRORS.rateLimited);
      case 'risky-user':
        return withRid(ERRORS.riskyUser);
      case 'busy':
        return withRid(ERRORS.systemBusy);
      case 'slow':
      case 'gateway-error':
      case 'not-json':
        return code;
    }
    const sessionKey = randomBytes(16).toString('base64');
    if (code === 'no-openid') return { session_key: sessionKey };
    const union = code.startsWith('union:');
    const name = code.startsWith('ok:') ? code.slice(3) : union ? code.slice(6) : code;
    return {
      openid: `wx-openid-${name}`,
      session_key: sessionKey,
      ...(union ? { unionid: `wx-unionid-${name}` } : {}),
    };
  }

  function stableToken(body: Json): Json | 'slow' {
    if (body.grant_type !== 'client_credential') return withRid(ERRORS.invalidGrantType);
    if (body.appid !== appId) return withRid(ERRORS.invalidAppId);
    if (body.secret !== secret) return withRid(ERRORS.invalidSecret);
    if (secret === 'busy') return withRid(ERRORS.systemBusy);
    if (secret === 'slow') return 'slow';
    // Like WeChat: a forced refresh invalidates the previous token; a normal call returns the current one.
    if (body.force_refresh === true) {
      tokens.clear();
      return { access_token: issueToken(), expires_in: tokenTtlS };
    }
    const expiresAt = current ? tokens.get(current) : undefined;
    if (current && expiresAt !== undefined && Date.now() < expiresAt) {
      return { access_token: current, expires_in: Math.floor((expiresAt - Date.now()) / 1000) };
    }
    return { access_token: issueToken(), expires_in: tokenTtlS };
  }

  function getPhoneNumber(body: Json): Json | 'slow' {
    const code = body.code;
    if (typeof code !== 'string' || !code) return withRid(ERRORS.missingCode);
    if (code === 'bad-phone-code') return withRid(ERRORS.invalidCode);
    if (code === 'rate-limited') return withRid(ERRORS.rateLimited);
    if (code === 'busy') return withRid(ERRORS.systemBusy);
    if (code === 'slow') return 'slow';
    let pure: string;
    if (code.startsWith('phone:')) {
      pure = code.slice(6);
      if (!/^1\d{10}$/.test(pure)) return withRid(ERRORS.invalidCode);
    } else {
      pure = `139${digitsFrom(code, 8)}`;
    }
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: pure,
        purePhoneNumber: pure,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: appId },
      },
    };
  }

  function msgSecCheck(body: Json): Json | 'slow' {
    if (body.version !== 2) return withRid(ERRORS.invalidArgs);
    if (![1, 2, 3, 4].includes(body.scene as number)) return withRid(ERRORS.invalidArgs);
    if (typeof body.openid !== 'string' || !body.openid) return withRid(ERRORS.invalidOpenid);
    if (typeof body.content !== 'string') return withRid(ERRORS.dataFormat);
    if (body.content === 'busy') return withRid(ERRORS.systemBusy);
    if (body.content === 'slow') return 'slow';
    const text = `${typeof body.title === 'string' ? body.title : ''}\n${body.content}`;
    const risky = riskyWords.find((w) => text.includes(w));
    const review = reviewWords.find((w) => text.includes(w));
    const [suggest, label, keyword] = risky ? ['risky', 20006, risky] : review ? ['review', 21000, review] : ['pass', 100, undefined];
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 },
        ...(keyword ? [{ strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword }] : []),
      ],
      trace_id: `standin-trace-${randomBytes(8).toString('hex')}`,
    };
  }

  function subscribeSend(body: Json): Json | 'slow' {
    const toUser = body.touser;
    if (typeof toUser !== 'string' || !toUser) return withRid(ERRORS.invalidOpenid);
    if (toUser === 'busy') return withRid(ERRORS.systemBusy);
    if (toUser === 'slow') return 'slow';
    if (typeof body.template_id !== 'string' || body.template_id === 'bad-template') return withRid(ERRORS.invalidTemplate);
    const data = body.data;
    const dataOk = typeof data === 'object' && data !== null && Object.values(data).every((v) => typeof v === 'object' && v !== null && typeof (v as Json).value === 'string');
    if (!dataOk) return withRid(ERRORS.argumentInvalid);
    if (body.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(body.miniprogram_state as string)) {
      return withRid(ERRORS.argumentInvalid);
    }
    if (toUser === 'refused') return withRid(ERRORS.userRefused);
    return { errcode: 0, errmsg: 'ok', msgid: Number.parseInt(digitsFrom(randomBytes(8).toString('hex'), 12), 10) };
  }

  function route(method: string, path: string, query: Record<string, string>, body: unknown): Json | string | null {
    const json = (typeof body === 'object' && body !== null ? body : null) as Json | null;
    if (method === 'GET' && path === '/sns/jscode2session') return jscode2session(query);
    if (method !== 'POST') return null;
    if (path === '/cgi-bin/stable_token') return json ? stableToken(json) : withRid(ERRORS.dataFormat);
    const tokenPaths = ['/wxa/business/getuserphonenumber', '/wxa/msg_sec_check', '/cgi-bin/message/subscribe/send'];
    if (!tokenPaths.includes(path)) return null;
    const tokenError = checkToken(query);
    if (tokenError) return tokenError;
    if (!json) return withRid(ERRORS.dataFormat);
    if (path === '/wxa/business/getuserphonenumber') return getPhoneNumber(json);
    if (path === '/wxa/msg_sec_check') return msgSecCheck(json);
    return subscribeSend(json);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const call: WechatStandInCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
    };
    calls.push(call);

    const answer = route(call.method, call.path, call.query, body);
    const send = (status: number, contentType: string, text: string) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': contentType });
      res.end(text);
    };
    if (answer === null) return send(404, 'text/plain', 'not found');
    if (answer === 'gateway-error') return send(502, 'text/html', '<html><body>502 Bad Gateway</body></html>');
    if (answer === 'not-json') return send(200, 'text/html', '<html><body>系统维护中</body></html>');
    if (answer === 'slow') {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        call.response = withRid(ERRORS.systemBusy);
        send(200, 'application/json; encoding=utf-8', JSON.stringify(call.response));
      }, slowMs);
      pendingTimers.add(timer);
      return;
    }
    call.response = answer;
    send(200, 'application/json; encoding=utf-8', JSON.stringify(answer));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    appId,
    secret,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    reset() {
      calls.length = 0;
    },
    close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** The environment variables that point the server's config at a stand-in. */
export function wechatEnvFor(standIn: WechatStandIn): Record<string, string> {
  return { WECHAT_APPID: standIn.appId, WECHAT_SECRET: standIn.secret, WECHAT_API_BASE: standIn.baseUrl };
}
