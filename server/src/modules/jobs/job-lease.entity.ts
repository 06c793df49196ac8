import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per scheduled job: the instance that moves `leasedUntil` forward runs that tick, the others skip. */
@Entity('job_leases')
export class JobLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'datetime', precision: 3 })
  leasedUntil: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  holder: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastRunAt: Date | null;
}
