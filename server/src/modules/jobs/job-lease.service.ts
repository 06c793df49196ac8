import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { Clock } from '../../common/clock';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { JobLeaseEntity } from './job-lease.entity';

/**
 * Leases for scheduled jobs shared by several server instances on one database: a tick runs only where the
 * conditional UPDATE moved the lease forward. Items inside a job are also changed with conditional updates,
 * so even an overlapping run cannot do one item twice.
 */
@Injectable()
export class JobLeaseService {
  readonly holder = `${hostname()}:${process.pid}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async tryLease(name: string, ttlMs: number): Promise<boolean> {
    const repo = this.dataSource.getRepository(JobLeaseEntity);
    const now = this.clock.now();
    if (!(await repo.existsBy({ name }))) {
      try {
        await repo.insert({ name, leasedUntil: new Date(0), holder: null, lastRunAt: null });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    const result = await repo.update({ name, leasedUntil: LessThanOrEqual(now) }, { leasedUntil: new Date(now.getTime() + ttlMs), holder: this.holder, lastRunAt: now });
    return result.affected === 1;
  }
}
