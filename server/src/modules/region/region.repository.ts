import { Injectable } from '@nestjs/common';
import { DataSource, In, Like, type Repository } from 'typeorm';
import { RegionEntity } from './region.entity.js';

@Injectable()
export class RegionRepository {
  private readonly regions: Repository<RegionEntity>;

  constructor(dataSource: DataSource) {
    this.regions = dataSource.getRepository(RegionEntity);
  }

  findVillage(code: string): Promise<RegionEntity | null> {
    return this.regions.findOneBy({ code, level: 'village' });
  }

  villagesUnder(regionCode: string): Promise<RegionEntity[]> {
    return this.regions.find({ where: { level: 'village', code: Like(`${regionCode}%`) }, order: { code: 'ASC' } });
  }

  childrenOf(parentCode: string): Promise<RegionEntity[]> {
    return this.regions.find({ where: { parentCode }, order: { code: 'ASC' } });
  }

  findMany(codes: string[]): Promise<RegionEntity[]> {
    return this.regions.findBy({ code: In(codes) });
  }
}
