import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { varchar } from './columns.js';

/** Proof-of-work challenges already redeemed, kept until they expire so each files one report. */
export class ProofOfWork1765324800000 implements MigrationInterface {
  name = 'ProofOfWork1765324800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'proof_of_work_spent',
        columns: [
          { ...varchar('challenge_hash', 64), isPrimary: true },
          { name: 'expires_at', type: 'bigint' },
        ],
        indices: [{ columnNames: ['expires_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('proof_of_work_spent');
  }
}
