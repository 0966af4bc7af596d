import type { EntityManager } from 'typeorm';
import type { StoredPowerItemContent } from '@mashang/shared';
import { PowerTemplateVersionEntity } from '../modules/power-list/power-template-version.entity.js';
import { PowerTemplateEntity } from '../modules/power-list/power-template.entity.js';
import { DEMO_POWER_ITEMS } from './demo-data.js';

/** The demo template the county has since changed, so the demo shows a village an offered update. */
const UPDATED_TITLE = '村级财务开支审批';

/** A second version of that template: one more risk point and one more thing to publish. */
function updated(content: StoredPowerItemContent): StoredPowerItemContent {
  return {
    ...content,
    publicity: [...content.publicity, '大额支出的集体决策记录'],
    chart: {
      ...content.chart,
      nodes: content.chart.nodes.map((n) => (n.label === '入账支付' ? { ...n, risks: [...n.risks, '未经审批提前支付'] } : n)),
    },
  };
}

/**
 * The county's templates, one per demo power item, written by the county supervisor; answers their
 * ids in the order of `DEMO_POWER_ITEMS`. Villages adopt version 1 of each.
 */
export async function seedDemoPowerTemplates(manager: EntityManager, countyCode: string, accountId: number, at: Date): Promise<number[]> {
  const ids: number[] = [];
  for (const [index, item] of DEMO_POWER_ITEMS.entries()) {
    const versions = item.title === UPDATED_TITLE ? [item, updated(item)] : [item];
    const { identifiers } = await manager.getRepository(PowerTemplateEntity).insert({
      countyCode,
      category: item.category,
      title: item.title,
      version: versions.length,
      sortOrder: index + 1,
      createdAt: at,
      updatedAt: at,
    });
    const templateId = (identifiers[0] as { id: number }).id;
    await manager.getRepository(PowerTemplateVersionEntity).insert(
      versions.map((content, v) => ({
        templateId,
        version: v + 1,
        content,
        accountId,
        createdAt: new Date(at.getTime() + v * 86_400_000),
      })),
    );
    ids.push(templateId);
  }
  return ids;
}
