import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { CaseModule } from '../case/case.module.js';
import { RedFlagController } from './red-flag.controller.js';
import { RedFlagRepository } from './red-flag.repository.js';
import { RedFlagService } from './red-flag.service.js';

/** 大数据比对 of published recipient lists, for the township and county. */
@Module({
  imports: [StaffModule, RegionModule, CaseModule],
  controllers: [RedFlagController],
  providers: [RedFlagService, RedFlagRepository],
})
export class RedFlagModule {}
