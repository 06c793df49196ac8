import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../common/database/columns';

/** One row per scheduled job: the instance that moves `leasedUntil` forward runs that tick, the others skip. */
@Entity('job_leases')
export class JobLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name: string;

  @DateTimeColumn()
  leasedUntil: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  holder: string | null;

  @DateTimeColumn({ nullable: true })
  lastRunAt: Date | null;
}
