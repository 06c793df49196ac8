import { Column, JoinColumn, ManyToOne, PrimaryColumn, type ObjectType } from 'typeorm';

/**
 * The column types every table repeats, each written once: a helper is the exact `@Column` it stands for (same
 * name, type, length, precision and nullability), so the entities' schema, and the migrations that built it, stay
 * as they are.
 */

interface NullableOption {
  nullable?: boolean;
}

/** A row's id: a UUID, varchar 36. */
export function UuidPrimaryColumn(): PropertyDecorator {
  return PrimaryColumn({ type: 'varchar', length: 36 });
}

/** A UUID, varchar 36: most often a foreign key, beside the relation that reads it (`RefersTo`). */
export function UuidColumn(options: NullableOption = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: 36, ...options });
}

/** A moment, to the millisecond: datetime(3). */
export function DateTimeColumn(options: NullableOption = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}

/**
 * The row a foreign key column points at (ManyToOne joined on that column). Deleting the row pointed at is refused
 * (RESTRICT) unless the key says otherwise; a key is never changed in place (NO ACTION).
 */
export function RefersTo<T>(target: () => ObjectType<T>, column: string, onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT'): PropertyDecorator {
  const joinColumn = JoinColumn({ name: column });
  const manyToOne = ManyToOne(target, { onDelete, onUpdate: 'NO ACTION' });
  return (prototype, propertyKey) => {
    joinColumn(prototype, propertyKey);
    manyToOne(prototype, propertyKey);
  };
}
