import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module.js';
import { PublishingController } from './publishing.controller.js';
import { PublishingRepository } from './publishing.repository.js';
import { PublishingService } from './publishing.service.js';
import { SubsidyLookupService } from './subsidy-lookup.service.js';
import { DisclosureCalendarService } from './disclosure-calendar.service.js';

/** 三务公开 drafting, co-signing, correction and withdrawal by the village's own staff. */
@Module({
  imports: [RegionModule],
  controllers: [PublishingController],
  providers: [PublishingService, PublishingRepository, SubsidyLookupService, DisclosureCalendarService],
  exports: [DisclosureCalendarService],
})
export class PublishingModule {}
