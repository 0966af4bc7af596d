import { Injectable } from '@nestjs/common';
import { type Citation, disclosureCitationWords, powerStepCitationWords, type ReportSubject } from '@mashang/shared';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { DisclosureVersionEntity } from '../publishing/disclosure-version.entity.js';
import { DisclosureEntity } from '../publishing/disclosure.entity.js';
import { PowerItemEntity } from '../power-list/power-item.entity.js';
import { maskTable } from '../publishing/mask-personal-data.js';

/**
 * Reads what a report opened from a table line or a chart step questions, in words the officer
 * and the villager share: the disclosure's title and line as the villager saw them, or the step's name.
 */
@Injectable()
export class CaseCitation {
  constructor(private readonly dataSource: DataSource) {}

  async of(subject: ReportSubject | null, villageCode: string, receivedAt: Date): Promise<Citation | null> {
    if (subject?.disclosureId) return this.disclosureLine(subject, villageCode, receivedAt);
    if (subject?.powerItemId) return this.powerStep(subject.powerItemId, subject.powerStep ?? null, villageCode);
    return null;
  }

  private async disclosureLine(subject: ReportSubject, villageCode: string, receivedAt: Date): Promise<Citation | null> {
    const disclosure = await this.dataSource.getRepository(DisclosureEntity).findOneBy({ id: subject.disclosureId, villageCode });
    if (!disclosure) return null;
    const versions = this.dataSource.getRepository(DisclosureVersionEntity);
    // The version the villager named, or else the one that was public when the report came in.
    const version = subject.disclosureVersion
      ? await versions.findOneBy({ disclosureId: disclosure.id, versionNo: subject.disclosureVersion, status: 'published' })
      : await versions.findOne({
          where: { disclosureId: disclosure.id, status: 'published', publishedAt: LessThanOrEqual(receivedAt) },
          order: { versionNo: 'DESC' },
        });
    if (!version) return null;
    const table = maskTable(version.table);
    const row = subject.disclosureRow === undefined ? null : (table?.rows[subject.disclosureRow] ?? null);
    return {
      kind: 'disclosure',
      disclosureId: disclosure.id,
      title: version.title,
      versionNo: version.versionNo,
      superseded: disclosure.status === 'withdrawn' || disclosure.versionNo > version.versionNo,
      columns: row ? (table?.columns ?? []) : [],
      row,
      words: disclosureCitationWords(version.title, row && table ? { columns: table.columns, cells: row } : null),
    };
  }

  private async powerStep(powerItemId: number, stepName: string | null, villageCode: string): Promise<Citation | null> {
    const item = await this.dataSource.getRepository(PowerItemEntity).findOneBy({ id: powerItemId, villageCode });
    if (!item) return null;
    // The page sends the step's name as the villager read it; an older client sent its id.
    const step = stepName ? (item.chart.nodes.find((n) => n.id === stepName)?.label ?? stepName) : null;
    return { kind: 'power_step', powerItemId: item.id, title: item.title, step, words: powerStepCitationWords(item.title, step) };
  }
}
