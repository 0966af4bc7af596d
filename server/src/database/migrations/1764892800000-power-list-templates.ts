import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex, type TableColumnOptions } from 'typeorm';
import { datetime, id, varchar } from './columns.js';

interface StoredChart {
  nodes: { id: string; end?: boolean }[];
  edges: { from: string; to: string }[];
}

/**
 * 小微权力清单 templates: a county writes each item once, in versions; a village's item may be a copy
 * of one, following a version of it, and every change to a copy is kept.
 */
export class PowerListTemplates1764892800000 implements MigrationInterface {
  name = 'PowerListTemplates1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.options.type === 'mysql';
    // A chart with many steps and risk points outgrows MySQL's 64 KB TEXT.
    const text = (name: string): TableColumnOptions => ({ name, type: isMysql ? 'mediumtext' : 'text' });
    const int = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'int', isNullable });

    await queryRunner.createTable(
      new Table({
        name: 'power_templates',
        columns: [
          id,
          varchar('county_code', 6),
          varchar('category', 30),
          varchar('title', 100),
          int('version'),
          { name: 'sort_order', type: 'int', default: 0 },
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [{ columnNames: ['county_code', 'sort_order'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'power_template_versions',
        columns: [id, int('template_id'), int('version'), text('content'), int('account_id'), datetime('created_at')],
        foreignKeys: [{ columnNames: ['template_id'], referencedTableName: 'power_templates', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['template_id', 'version'], isUnique: true }],
      }),
    );
    await queryRunner.addColumns('power_items', [
      new TableColumn(int('template_id', true)),
      new TableColumn(int('template_version', true)),
      new TableColumn({ name: 'adjusted', type: 'int', default: 0 }),
      new TableColumn({ name: 'version', type: 'int', default: 1 }),
      new TableColumn(datetime('updated_at', true)),
    ]);
    // A village adopts a template once; items of its own (no template) are not limited.
    await queryRunner.createIndex('power_items', new TableIndex({ columnNames: ['village_code', 'template_id'], isUnique: true }));
    await queryRunner.createIndex('power_items', new TableIndex({ columnNames: ['template_id', 'template_version'] }));
    await queryRunner.createTable(
      new Table({
        name: 'power_item_versions',
        columns: [
          id,
          int('power_item_id'),
          int('version'),
          varchar('action', 20),
          int('template_version', true),
          text('content'),
          int('account_id'),
          datetime('created_at'),
        ],
        foreignKeys: [{ columnNames: ['power_item_id'], referencedTableName: 'power_items', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['power_item_id', 'version'], isUnique: true }],
      }),
    );

    // Charts saved before ends were marked: a step with no way forward was the end.
    const rows = (await queryRunner.query('SELECT id, chart FROM power_items')) as { id: number; chart: string }[];
    for (const row of rows) {
      const chart = JSON.parse(row.chart) as StoredChart;
      const leaving = new Set(chart.edges.map((e) => e.from));
      const marked = { ...chart, nodes: chart.nodes.map((n) => (leaving.has(n.id) || n.end !== undefined ? n : { ...n, end: true })) };
      await queryRunner.query('UPDATE power_items SET chart = ? WHERE id = ?', [JSON.stringify(marked), row.id]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('power_item_versions');
    const table = await queryRunner.getTable('power_items');
    for (const index of table?.indices.filter((i) => i.columnNames.includes('template_id')) ?? [])
      await queryRunner.dropIndex('power_items', index);
    for (const column of ['updated_at', 'version', 'adjusted', 'template_version', 'template_id'])
      await queryRunner.dropColumn('power_items', column);
    await queryRunner.dropTable('power_template_versions');
    await queryRunner.dropTable('power_templates');
  }
}
