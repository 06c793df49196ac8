import { WishQueriesService } from '../src/modules/wishes/wish-queries.service';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

describe(`health and OpenAPI (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('should report database status', async () => {
    const response = await t.request('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { status: 'up', type: TEST_DB === 'sqlite' ? 'sqlite' : 'mariadb' } });
  });

  it('should document every route with its request and response schemas', async () => {
    const { body: doc } = await t.request('GET', '/api/docs-json');
    const documented = new Set<string>();
    const problems: string[] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        documented.add(name);
        if (!op.summary) problems.push(`${name}: no summary`);
        const success = Object.entries<any>(op.responses ?? {}).find(([status]) => status.startsWith('2'));
        if (!success) {
          problems.push(`${name}: no success response`);
          continue;
        }
        const multipart = op.requestBody?.content?.['multipart/form-data'];
        if (['post', 'patch', 'put'].includes(method) && !multipart && !op.requestBody?.content?.['application/json']?.schema) {
          problems.push(`${name}: no request body schema`);
        }
        const binary = Object.keys(success[1].content ?? {}).some((type) => type.startsWith('image/') || type === 'application/pdf' || type.includes('spreadsheetml'));
        // Landings for printed QR codes (/qr/c/…, /verify/…) redirect to the H5 app.
        if (method === 'get' && !binary && !path.startsWith('/qr/') && !path.startsWith('/verify/') && !success[1].content?.['application/json']?.schema) {
          problems.push(`${name}: no response schema`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Every route the server actually serves is in the document.
    const served = t.app
      .getHttpAdapter()
      .getInstance()
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((line: string) => line.includes('('));
    expect(served.length).toBeGreaterThan(0);
    for (const route of [
      'POST /api/auth/wechat',
      'GET /api/me',
      'POST /api/me/phone',
      'GET /api/communities/{code}',
      'GET /api/communities/{code}/qrcode.png',
      'POST /api/organisations/{organisationId}/members/import',
      'GET /api/health',
      'POST /api/role-assignments',
    ]) {
      expect(documented).toContain(route);
    }
  });

  it("should send only what a route's contract lists, and refuse to send a reply that breaks it", async () => {
    const url = '/api/wishes?page=1&pageSize=1';
    const real = await t.request('GET', url);
    expect(real.body.items).toHaveLength(1);
    const item = real.body.items[0];
    const queries = t.app.get(WishQueriesService);
    const wall = jest.spyOn(queries, 'wall');
    try {
      // A field the contract does not list (as a careless change to a query might add) never leaves the server.
      wall.mockResolvedValueOnce({ ...real.body, items: [{ ...item, contactPhone: '13912345678', beneficiaryName: '王建国' }] });
      const stripped = await t.request('GET', url);
      expect(stripped.status).toBe(200);
      expect(stripped.body).toEqual(real.body);

      wall.mockResolvedValueOnce({ ...real.body, items: [{ ...item, title: undefined }] });
      const broken = await t.request('GET', url);
      expect(broken.status).toBe(500);
      expect(broken.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' });
    } finally {
      wall.mockRestore();
    }
  });
});

describe(`health when the database is gone (${TEST_DB})`, () => {
  it('should answer 503 so a load balancer stops sending traffic', async () => {
    const t = await startTestApp({ seed: false });
    try {
      await t.dataSource.destroy();
      const response = await t.request('GET', '/api/health');
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: 'degraded', database: { status: 'down' } });
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
