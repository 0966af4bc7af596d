import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { PublishingController } from './publishing.controller.js';
import { PublishingRepository } from './publishing.repository.js';
import { PublishingService } from './publishing.service.js';
import { SubsidyLookupService } from './subsidy-lookup.service.js';
import { DisclosureCalendarService } from './disclosure-calendar.service.js';
import { StorageModule } from '../../common/storage/storage.module.js';
import { DisclosureAttachmentsController } from './disclosure-attachments.controller.js';
import { DisclosureAttachmentsService } from './disclosure-attachments.service.js';
import { DisclosureFileSweep } from './disclosure-file-sweep.js';

/** 三务公开 drafting, co-signing, correction and withdrawal by the village's own staff. */
@Module({
  imports: [StaffModule, RegionModule, StorageModule],
  controllers: [PublishingController, DisclosureAttachmentsController],
  providers: [
    PublishingService,
    PublishingRepository,
    SubsidyLookupService,
    DisclosureCalendarService,
    DisclosureAttachmentsService,
    DisclosureFileSweep,
  ],
  exports: [DisclosureCalendarService],
})
export class PublishingModule {}
