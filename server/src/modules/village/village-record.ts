import { Injectable } from '@nestjs/common';
import type { ReportRecord } from '@mashang/shared';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { addCalendarDays } from '../calendar/china-date.js';
import { ReportRepository } from '../case/report.repository.js';

/** A village's public report record as counted once for a day; every instance shows the same. */
@Entity('village_record_snapshots')
export class VillageRecordSnapshotEntity {
  @PrimaryColumn({ name: 'village_code', type: 'varchar', length: 12 })
  villageCode!: string;

  /** The last day counted, `YYYY-MM-DD` (China time). */
  @PrimaryColumn({ name: 'as_of', type: 'varchar', length: 10 })
  asOf!: string;

  @Column({ type: 'int' })
  received!: number;

  @Column({ type: 'int' })
  answered!: number;

  @Column({ name: 'answered_on_time', type: 'int' })
  answeredOnTime!: number;
}

/**
 * The village page's 办理情况, updated once a day: counted the first time a day's page is asked
 * for and kept, so nobody can watch it (or its cache tag) move to learn when a neighbour reported
 * or a case moved, and every instance shows the same figures until the next day.
 */
@Injectable()
export class VillageRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportRepository,
  ) {}

  async of(villageCode: string, today: string): Promise<ReportRecord> {
    const asOf = addCalendarDays(today, -1);
    const snapshots = this.dataSource.getRepository(VillageRecordSnapshotEntity);
    const kept = await snapshots.findOneBy({ villageCode, asOf });
    if (kept) return toRecord(kept);
    const counted = await this.reports.recordOf(villageCode, new Date(`${today}T00:00:00+08:00`));
    try {
      await snapshots.insert({ villageCode, asOf, ...counted });
    } catch (error) {
      // Another request or instance counted the day first: show what it kept.
      if (!isUniqueViolation(error)) throw error;
      return toRecord((await snapshots.findOneBy({ villageCode, asOf }))!);
    }
    return { asOf, ...counted };
  }
}

function toRecord({ asOf, received, answered, answeredOnTime }: VillageRecordSnapshotEntity): ReportRecord {
  return { asOf, received, answered, answeredOnTime };
}
