import type { TableColumnOptions } from 'typeorm';

/** Column shapes that mean the same on SQLite and MySQL. */
export const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };

export const varchar = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});

/** Millisecond precision on MySQL; SQLite stores the text as given. */
export const datetime = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable });
