import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegionModule } from '../region/region.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { PowerItemEntity } from './power-item.entity.js';
import { PowerItemVersionEntity } from './power-item-version.entity.js';
import { PowerListController } from './power-list.controller.js';
import { PowerListRepository } from './power-list.repository.js';
import { PowerListService } from './power-list.service.js';
import { PowerTemplateVersionEntity } from './power-template-version.entity.js';
import { PowerTemplateEntity } from './power-template.entity.js';

/** 小微权力清单: the county's templates, and each village's copies of them with offered updates. */
@Module({
  imports: [
    StaffModule,
    RegionModule,
    TypeOrmModule.forFeature([PowerTemplateEntity, PowerTemplateVersionEntity, PowerItemVersionEntity, PowerItemEntity]),
  ],
  controllers: [PowerListController],
  providers: [PowerListService, PowerListRepository],
  exports: [PowerListService],
})
export class PowerListModule {}
