import { Module } from '@nestjs/common';
import { RegionRepository } from './region.repository.js';

@Module({
  providers: [RegionRepository],
  exports: [RegionRepository],
})
export class RegionModule {}
