import { Controller } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { ContractRoute } from '../../common/contract-route.js';

@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @ContractRoute(contract.system.health)
  async health() {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', database: this.dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite' };
  }
}
