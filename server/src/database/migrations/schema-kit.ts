import { QueryRunner, TableColumnOptions, TableForeignKeyOptions, TableIndexOptions } from 'typeorm';

type OnDelete = 'RESTRICT' | 'CASCADE' | 'SET NULL';

/**
 * Column and key builders that produce the same schema on MySQL/MariaDB and SQLite, so one migration history
 * serves both with zero drift: type names come from the driver, datetimes have precision 3, enums are
 * `simple-enum` (native ENUM on MySQL, CHECK on SQLite), foreign keys say onUpdate NO ACTION explicitly.
 */
export function schemaKit(queryRunner: QueryRunner) {
  const driver = queryRunner.connection.driver;
  const type = (name: string) => driver.normalizeType({ type: name as never });
  const nullable = (options: TableColumnOptions, isNullable: boolean) => ({ ...options, isNullable });
  return {
    id: (): TableColumnOptions => ({ name: 'id', type: type('varchar'), length: '36', isPrimary: true }),
    uuid: (name: string, isNullable = false) => nullable({ name, type: type('varchar'), length: '36' }, isNullable),
    varchar: (name: string, length: number, isNullable = false) => nullable({ name, type: type('varchar'), length: String(length) }, isNullable),
    text: (name: string, isNullable = false) => nullable({ name, type: type('text') }, isNullable),
    int: (name: string, isNullable = false) => nullable({ name, type: type('int') }, isNullable),
    double: (name: string, isNullable = false) => nullable({ name, type: type('double') }, isNullable),
    datetime: (name: string, isNullable = false) => nullable({ name, type: type('datetime'), precision: 3 }, isNullable),
    enumOf: (name: string, values: readonly string[], isNullable = false) => nullable({ name, type: type('simple-enum'), enum: [...values] }, isNullable),
    fk: (column: string, referencedTable: string, onDelete: OnDelete = 'RESTRICT'): TableForeignKeyOptions => ({
      columnNames: [column],
      referencedTableName: referencedTable,
      referencedColumnNames: ['id'],
      onDelete,
      onUpdate: 'NO ACTION',
    }),
    index: (name: string, columnNames: string[], isUnique = false): TableIndexOptions => ({ name, columnNames, isUnique }),
  };
}
