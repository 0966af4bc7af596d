import type { DisclosureKind, DisclosureTable, DisclosureType, PowerCategory, ProcessChart } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { ALL_CONTENT, bumpContentVersions } from '../../src/common/content-versions/content-versions.js';
import { DisclosureVersionEntity } from '../../src/modules/publishing/disclosure-version.entity.js';
import { DisclosureEntity } from '../../src/modules/publishing/disclosure.entity.js';
import { PowerItemEntity } from '../../src/modules/power-list/power-item.entity.js';
import type { TestApp } from '../support/test-app.js';
import type { Region } from './regions.js';

export interface PowerItemFields {
  category: PowerCategory;
  title: string;
  basis: string;
  responsible: string;
  publicity: string[];
  chart: ProcessChart;
}

/** A two-step chart without branches or risks. */
export const LINEAR_CHART: ProcessChart = {
  nodes: [
    { id: 'a', label: '提出申请', risks: [] },
    { id: 'b', label: '公开结果', risks: [] },
  ],
  edges: [{ from: 'a', to: 'b' }],
};

let powerItems = 0;

/** A power item on a village's list; answers its id. */
export async function powerItem(t: TestApp, village: Region, fields: Partial<PowerItemFields> = {}): Promise<number> {
  powerItems++;
  const saved = await t.app
    .get(DataSource)
    .getRepository(PowerItemEntity)
    .save({
      villageCode: village.code,
      category: 'village_affairs',
      title: `权力事项${powerItems}`,
      basis: '《中华人民共和国村民委员会组织法》',
      responsible: '村民委员会主任',
      publicity: ['办理结果'],
      chart: LINEAR_CHART,
      sortOrder: powerItems,
      ...fields,
    });
  // Written past the app, as a bulk load would: the public pages' cache is told as a bulk load tells it.
  await bumpContentVersions(t.app.get(DataSource).manager, [ALL_CONTENT]);
  return saved.id;
}

export interface DisclosureFields {
  kind: DisclosureKind;
  type: DisclosureType;
  title: string;
  period: string;
  body: string;
  table: DisclosureTable | null;
  publishedAt: Date;
}

let disclosures = 0;

/** A published disclosure of a village, as bulk-loaded records are: version 1 with no drafter or co-signer. Answers its id. */
export async function disclosure(t: TestApp, village: Region, fields: Partial<DisclosureFields> = {}): Promise<number> {
  disclosures++;
  const content = {
    kind: 'village' as const,
    type: 'other' as const,
    title: `公开事项${disclosures}`,
    period: '2026-09',
    body: '现将有关情况公开如下。',
    table: null,
    publishedAt: t.clock.now(),
    ...fields,
  };
  const dataSource = t.app.get(DataSource);
  const saved = await dataSource
    .getRepository(DisclosureEntity)
    .save({ villageCode: village.code, ...content, updatedAt: content.publishedAt });
  await dataSource.getRepository(DisclosureVersionEntity).insert({
    disclosureId: saved.id,
    versionNo: 1,
    action: 'publish',
    status: 'published',
    title: content.title,
    period: content.period,
    body: content.body,
    table: content.table,
    draftedAt: content.publishedAt,
    publishedAt: content.publishedAt,
  });
  await bumpContentVersions(dataSource.manager, [ALL_CONTENT]);
  return saved.id;
}
