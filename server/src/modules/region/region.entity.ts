import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RegionLevel } from '@mashang/shared';

@Entity('regions')
export class RegionEntity {
  /** 统计用区划代码: 6 digits for a county, 9 for a township, 12 for a village. */
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  level: RegionLevel;

  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode: string | null;

  /** The township's hotline for reports, printed on posters. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  hotline: string | null;
}
