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
    for (const name of ['WECHAT_APPID', 'WECHAT_SECRET', 'JWT_SECRET', 'DATA_KEY']) expect(message).toContain(name);
  });

  it('should accept live mode with everything set', () => {
    const config = loadConfig({
      WECHAT_MODE: 'live',
      WECHAT_APPID: 'wx123',
      WECHAT_SECRET: 's',
      JWT_SECRET: 'a-long-enough-secret-value',
      DATA_KEY: 'ab'.repeat(32),
    });
    expect(config.wechat).toMatchObject({ mode: 'live', appId: 'wx123' });
    expect(config.dataKey.toString('hex')).toBe('ab'.repeat(32));
  });
});
