import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_DB } from './support/test-database';

/** Security headers, caching of personal data, CORS, the H5 app's content security policy, the docs switch. */
describe(`safe defaults (${TEST_DB})`, () => {
  const h5 = mkdtempSync(join(tmpdir(), 'nc-h5-'));
  const inline = 'document.documentElement.style.fontSize="40px"';
  writeFileSync(join(h5, 'index.html'), `<!doctype html><html><head><script>${inline}</script><script defer src="/js/app.js"></script></head><body></body></html>`);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { H5_DIR: h5, CORS_ORIGINS: 'https://h5.example.gov.cn', OPENAPI_UI: 'false' } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(h5, { recursive: true, force: true });
  });

  it('should send security headers on every answer', async () => {
    const response = await t.request('GET', '/api/health');
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('should forbid caching of API answers, which may carry personal data', async () => {
    const token = await t.signIn('dev:someone');
    const me = await t.request('GET', '/api/me', { token });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect((await t.request('GET', '/api/wishes')).headers.get('cache-control')).toBe('no-store');
  });

  it('should serve the H5 app with its own content security policy, its inline script allowed by hash only', async () => {
    const page = await fetch(`${t.baseUrl}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`script-src 'self' 'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
  });

  it('should serve the app for any other page path, keep 404 for the API and missing files, and answer a malformed QR path in Chinese', async () => {
    const app = await (await fetch(`${t.baseUrl}/`)).text();
    for (const path of ['/some/old/link', '/pages/nope/index?x=1']) {
      const page = await fetch(`${t.baseUrl}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await page.text()).toBe(app);
    }
    const api = await fetch(`${t.baseUrl}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ code: 'NOT_FOUND', message: '请求的内容不存在' });
    expect((await fetch(`${t.baseUrl}/js/missing.js`)).status).toBe(404);
    const qr = await fetch(`${t.baseUrl}/qr/c/${encodeURIComponent('KD<SQ>01!')}`, { redirect: 'manual' });
    expect(qr.status).toBe(404);
    expect(await qr.text()).toContain('这个社区二维码无法识别');
    const good = await fetch(`${t.baseUrl}/qr/c/KDSQ01`, { redirect: 'manual' });
    expect(good.status).toBe(302);
    expect(good.headers.get('location')).toBe('/#/pages/community/index?code=KDSQ01');
  });

  it('should answer a browser on an allowed origin only', async () => {
    const preflight = (origin: string) => fetch(`${t.baseUrl}/api/wishes`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    expect((await preflight('https://h5.example.gov.cn')).headers.get('access-control-allow-origin')).toBe('https://h5.example.gov.cn');
    expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should not publish the OpenAPI UI when it is switched off', async () => {
    expect((await t.request('GET', '/api/docs-json')).status).toBe(404);
  });
});
