import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Rollups of ledger_entries kept exact by the ledger itself (see ledger-totals.ts): every insert into ledger_entries
 * adds its minutes and its net entry count (+1 a credit, −1 a correction) to one row of each table in the same
 * transaction. Nullable places and owners are keyed by '' (a primary key column cannot be null), so there are no
 * foreign keys here; the entries keep those.
 */

/**
 * Minutes and net entries per region, Beijing calendar month ('YYYY-MM') and unit: the dashboard's sums, series and
 * unit ranking. An entry counts in its street and in each region above it, like ledger_member_periods, so a
 * district's or the city's figures are one region's rows.
 */
@Entity('ledger_unit_months')
export class LedgerUnitMonthEntity {
  /** The entry's street or a region above it; '' when the entry has no street. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  regionId: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  /** '' when the entry counted for no unit. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  unitId: string;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'int' })
  services: number;

  /** Entries, credits and corrections alike (a unit is ranked when it has any in the window). */
  @Column({ type: 'int' })
  entries: number;
}

/**
 * Minutes and net entries per Beijing period ('YYYY', 'YYYYH1', 'YYYYH2'), region and member (members' entries
 * only): members served in a year or half year without reading every entry. An entry counts in its street and in
 * each region above it (district, city: region paths never change), so a district's or the city's members served
 * is one region's rows, not a distinct count over every street's.
 */
@Entity('ledger_member_periods')
export class LedgerMemberPeriodEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  period: string;

  /** The entry's street or a region above it; '' when the entry has no street. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  regionId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  memberId: string;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'int' })
  services: number;
}
