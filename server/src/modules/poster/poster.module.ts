import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module.js';
import { QrCodeService } from '../village/qr-code.service.js';
import { PosterController } from './poster.controller.js';
import { PosterService } from './poster.service.js';

/** Printable QR posters: a township's villages or one village, as a PDF or a print page. */
@Module({
  imports: [RegionModule],
  controllers: [PosterController],
  providers: [PosterService, QrCodeService],
})
export class PosterModule {}
