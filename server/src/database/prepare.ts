import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataCipher } from '../common/crypto/data-cipher';
import { AppConfig } from '../config/config';
import { isDatabaseEmpty, seedDemo } from './seed/demo-seed';

/** Brings the database to the current schema and, when asked, fills an empty one with the demo city. */
export async function prepareDatabase(dataSource: DataSource, config: AppConfig, cipher: DataCipher): Promise<{ migrated: string[]; seeded: boolean }> {
  const logger = new Logger('Database');
  const migrated = config.migrateOnStart ? (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name) : [];
  if (migrated.length) logger.log(`Applied migrations: ${migrated.join(', ')}`);
  let seeded = false;
  if (config.seedDemo === 'always' || (config.seedDemo === 'auto' && (await isDatabaseEmpty(dataSource)))) {
    await seedDemo(dataSource, cipher, new Date(), config.certKey);
    seeded = true;
    logger.log('Seeded the demo city (巴彦淖尔市) and personas');
  }
  return { migrated, seeded };
}
