import { WechatApiError } from './wechat-api.error';

export type WechatJson = Record<string, unknown>;

export interface WechatRequest {
  api: string;
  url: URL;
  method: 'GET' | 'POST';
  body?: unknown;
  timeoutMs: number;
}

/**
 * One HTTP call to WeChat. Resolves with the JSON answer when errcode is absent or 0; otherwise throws
 * WechatApiError. Errors never carry the URL or the answer body: they hold secrets, tokens and session keys.
 */
export async function requestWechatJson(req: WechatRequest): Promise<WechatJson> {
  let status: number;
  let text: string;
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    throw WechatApiError.unreachable(req.api, describeFetchFailure(err, req.timeoutMs));
  }
  if (status < 200 || status >= 300) throw WechatApiError.unreachable(req.api, `HTTP ${status}`);

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw WechatApiError.unreachable(req.api, 'answer is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw WechatApiError.unreachable(req.api, 'answer is not a JSON object');
  }
  const { errcode, errmsg } = json as WechatJson;
  if (errcode === undefined || errcode === 0) return json as WechatJson;
  if (typeof errcode !== 'number') throw WechatApiError.unreachable(req.api, 'answer has a non-numeric errcode');
  throw WechatApiError.fromErrcode(req.api, errcode, typeof errmsg === 'string' ? errmsg : '');
}

function describeFetchFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  // undici puts the socket error (ECONNREFUSED, ENOTFOUND…) in `cause`; its message may name the host, the code does not.
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' ? `network error ${code}` : 'network error';
}
