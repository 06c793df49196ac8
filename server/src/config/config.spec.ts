import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('should default to dev mode and SQLite outside production', () => {
    const config = loadConfig({});
    expect(config.wechat.mode).toBe('dev');
    expect(config.databaseUrl).toBe('sqlite:./data/nuancheng.sqlite');
    expect(config.port).toBe(3000);
    expect(config.dataKey).toHaveLength(32);
  });

  it('should name the bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATA_KEY: 'short' })).toThrow(/DATA_KEY/);
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '90' })).toThrow(/AUDIT_RETENTION_DAYS/);
  });

  it('should require WECHAT_MODE in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WECHAT_MODE/);
    expect(() => loadConfig({ NODE_ENV: 'production', WECHAT_MODE: 'dev' })).toThrow(/dev is not allowed/);
  });

  it('should not run the public dev sign-in by accident: dev mode only when chosen, or on loopback', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).wechat.mode).toBe('dev');
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/WECHAT_MODE: must be set .*HOST=0\.0\.0\.0/);
    expect(loadConfig({ HOST: '0.0.0.0', WECHAT_MODE: 'dev' }).wechat.mode).toBe('dev');
  });

  it('should trust no proxy, allow no other origin and show the API docs outside production, by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ trustProxy: false, corsOrigins: [], openApiUi: true });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ CORS_ORIGINS: 'https://h5.example.gov.cn' }).corsOrigins).toEqual(['https://h5.example.gov.cn']);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('should refuse live mode without credentials, own JWT secret and data key', () => {
    let message = '';
    try {
      loadConfig({ WECHAT_MODE: 'live' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ['WECHAT_APPID', 'WECHAT_SECRET', 'JWT_SECRET', 'DATA_KEY', 'CERT_KEY']) expect(message).toContain(name);
    for (const name of ['WECHAT_APPID', 'WECHAT_SECRET', 'JWT_SECRET', 'DATA_KEY', 'CHECKIN_KEY']) expect(message).toContain(name);
  });

  it('should accept live mode with everything set', () => {
    const config = loadConfig({
      WECHAT_MODE: 'live',
      WECHAT_APPID: 'wx123',
      WECHAT_SECRET: 's',
      JWT_SECRET: 'a-long-enough-secret-value',
      DATA_KEY: 'ab'.repeat(32),
      CERT_KEY: 'a-certificate-signing-key-of-32-chars',
      CHECKIN_KEY: 'cd'.repeat(32),
    });
    expect(config.wechat).toMatchObject({ mode: 'live', appId: 'wx123' });
    expect(config.checkinKey.toString('hex')).toBe('cd'.repeat(32));
    expect(config.dataKey.toString('hex')).toBe('ab'.repeat(32));
  });

  it('should read report deadlines and reminder days, refusing a malformed one', () => {
    expect(loadConfig({}).reports).toEqual({ deadlineH1: '07-15', deadlineH2: '01-15', remindDays: [7, 1] });
    expect(loadConfig({ REPORT_DEADLINE_H1: '07-31', REPORT_REMIND_DAYS: '1,14,7' }).reports).toMatchObject({ deadlineH1: '07-31', remindDays: [14, 7, 1] });
    expect(() => loadConfig({ REPORT_DEADLINE_H2: '1-15' })).toThrow(/REPORT_DEADLINE_H2/);
    expect(() => loadConfig({ REPORT_REMIND_DAYS: '7,0' })).toThrow(/REPORT_REMIND_DAYS/);
    expect(() => loadConfig({ CERT_KEY: 'short' })).toThrow(/CERT_KEY/);
  });

  it('should store uploads on local disk by default', () => {
    expect(loadConfig({}).storage).toEqual({ driver: 'local', dir: './data/uploads' });
    expect(loadConfig({ UPLOAD_DIR: '/var/lib/nc' }).storage).toEqual({ driver: 'local', dir: '/var/lib/nc' });
  });

  it('should refuse the s3 driver without bucket and keys, naming each variable', () => {
    let message = '';
    try {
      loadConfig({ STORAGE_DRIVER: 's3' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) expect(message).toContain(name);
    expect(() => loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ STORAGE_DRIVER: 'cos' })).toThrow(/STORAGE_DRIVER/);
    expect(() => loadConfig({ STORAGE_DRIVER: 's3', S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
  });

  it('should accept the s3 driver with defaults for region and path style', () => {
    const config = loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'nc-1250000000', S3_ACCESS_KEY_ID: 'AKID', S3_SECRET_ACCESS_KEY: 'secret' });
    expect(config.storage).toEqual({
      driver: 's3',
      endpoint: null,
      region: 'ap-guangzhou',
      bucket: 'nc-1250000000',
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    const cos = loadConfig({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'https://cos.ap-beijing.myqcloud.com',
      S3_REGION: 'ap-beijing',
      S3_FORCE_PATH_STYLE: 'false',
      S3_BUCKET: 'b',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
    });
    expect(cos.storage).toMatchObject({ endpoint: 'https://cos.ap-beijing.myqcloud.com', region: 'ap-beijing', forcePathStyle: false });
  });
});
