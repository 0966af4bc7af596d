import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { PublishingModule } from '../publishing/publishing.module.js';
import { CaseModule } from '../case/case.module.js';
import { PublicAnswers } from './public-answers.js';
import { PublicCache } from './public-cache.js';
import { QrCodeService } from './qr-code.service.js';
import { VillageController } from './village.controller.js';
import { VillageRepository } from './village.repository.js';
import { VillageRecords } from './village-record.js';
import { VillageService } from './village.service.js';

@Module({
  imports: [StaffModule, RegionModule, CaseModule, PublishingModule],
  controllers: [VillageController],
  providers: [VillageService, VillageRepository, VillageRecords, QrCodeService, PublicCache, PublicAnswers],
  // The H5 shell writes the village's first screen from the same cached answer (h5.controller.ts).
  exports: [PublicAnswers],
})
export class VillageModule {}
