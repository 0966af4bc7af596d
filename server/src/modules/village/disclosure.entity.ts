import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DisclosureKind, DisclosureTable, DisclosureType } from '@mashang/shared';

@Entity('disclosures')
export class DisclosureEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'village_code', type: 'varchar', length: 12 })
  villageCode: string;

  @Column({ type: 'varchar', length: 10 })
  kind: DisclosureKind;

  @Column({ type: 'varchar', length: 30 })
  type: DisclosureType;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'table_data', type: 'simple-json', nullable: true })
  table: DisclosureTable | null;

  @Column({ name: 'published_at', type: 'datetime' })
  publishedAt: Date;
}
