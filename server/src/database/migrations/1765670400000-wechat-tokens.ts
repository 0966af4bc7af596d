import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { varchar } from './columns.js';

/**
 * WeChat's access token, one row per app id, shared by every server instance: who is refreshing it
 * (a claim that lapses), and the forced refreshes counted against WeChat's daily limit. Times are
 * epoch milliseconds. The token is stored encrypted; WeChat asks for room for 512 characters.
 */
export class WechatTokens1765670400000 implements MigrationInterface {
  name = 'WechatTokens1765670400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ms = (name: string) => ({ name, type: 'bigint', default: 0 });
    await queryRunner.createTable(
      new Table({
        name: 'wechat_tokens',
        columns: [
          { ...varchar('app_id', 64), isPrimary: true },
          { ...varchar('access_token', 2048), default: "''" },
          ms('expires_at'),
          { ...varchar('refreshing_by', 64), default: "''" },
          ms('refreshing_until'),
          { ...varchar('force_day', 10), default: "''" },
          { name: 'force_count', type: 'int', default: 0 },
          ms('forced_at'),
          ms('blocked_until'),
          ms('updated_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('wechat_tokens');
  }
}
