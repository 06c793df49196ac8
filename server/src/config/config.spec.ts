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
  });

  it('should require WECHAT_MODE in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WECHAT_MODE/);
  });

  it('should refuse live mode without credentials, own JWT secret and data key', () => {
    let message = '';
    try {
      loadConfig({ WECHAT_MODE: 'live' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ['WECHAT_APPID', 'WECHAT_SECRET', 'JWT_SECRET', 'DATA_KEY', 'CHECKIN_KEY']) expect(message).toContain(name);
  });

  it('should accept live mode with everything set', () => {
    const config = loadConfig({
      WECHAT_MODE: 'live',
      WECHAT_APPID: 'wx123',
      WECHAT_SECRET: 's',
      JWT_SECRET: 'a-long-enough-secret-value',
      DATA_KEY: 'ab'.repeat(32),
      CHECKIN_KEY: 'cd'.repeat(32),
    });
    expect(config.wechat).toMatchObject({ mode: 'live', appId: 'wx123' });
    expect(config.checkinKey.toString('hex')).toBe('cd'.repeat(32));
    expect(config.dataKey.toString('hex')).toBe('ab'.repeat(32));
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
