import { UuidPrimaryColumn, DateTimeColumn } from './columns';

/**
 * The columns most tables open and close with: the id (a UUID, varchar 36) and the creation and last-change times
 * (datetime, milliseconds). Not an entity: an entity extends it (TypeORM copies the columns into its table), so
 * the column names, types and indexes on them stay exactly the table's own.
 */
export abstract class StampedRowColumns {
  @UuidPrimaryColumn()
  id: string;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}
