import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ALL_CONTENT, bumpContentVersions } from '../common/content-versions/content-versions.js';
import { RegionEntity } from '../modules/region/region.entity.js';
import { StaffAccountEntity } from '../modules/staff/staff-account.entity.js';
import { hashPassword } from '../modules/staff/passwords.js';
import { DisclosureVersionEntity } from '../modules/publishing/disclosure-version.entity.js';
import { DisclosureEntity } from '../modules/publishing/disclosure.entity.js';
import { PowerItemEntity } from '../modules/power-list/power-item.entity.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { DEMO_DISCLOSURES, DEMO_POWER_ITEMS, DEMO_REGIONS } from './demo-data.js';
import { seedDemoPowerTemplates } from './seed-power-list.js';

/** Loads the demo county into an empty database; a database with any region is left untouched. */
export async function seedDemoDataIfEmpty(dataSource: DataSource): Promise<boolean> {
  if ((await dataSource.getRepository(RegionEntity).count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(RegionEntity).insert(DEMO_REGIONS);
    await manager
      .getRepository(StaffAccountEntity)
      .insert(DEMO_ACCOUNTS.map((a) => ({ ...a, passwordHash, disabled: 0, mustChangePassword: 0, createdAt: new Date() })));
    // 小微权力清单: the county's templates, each adopted by every village as it stood at version 1.
    const countySupervisor = await manager.getRepository(StaffAccountEntity).findOneByOrFail({ role: 'county_supervisor' });
    const county = DEMO_REGIONS.find((r) => r.level === 'county')!;
    const templateIds = await seedDemoPowerTemplates(manager, county.code, countySupervisor.id, new Date('2026-09-01T01:00:00Z'));
    for (const village of DEMO_REGIONS.filter((r) => r.level === 'village')) {
      await manager.getRepository(PowerItemEntity).insert(
        DEMO_POWER_ITEMS.map((item, index) => ({
          ...item,
          villageCode: village.code,
          sortOrder: index,
          templateId: templateIds[index]!,
          templateVersion: 1,
        })),
      );
      for (const d of DEMO_DISCLOSURES(village.name)) {
        const publishedAt = new Date(d.publishedAt);
        const { identifiers } = await manager
          .getRepository(DisclosureEntity)
          .insert({ ...d, villageCode: village.code, publishedAt, updatedAt: publishedAt });
        // Loaded in bulk, as a county's existing records would be: version 1 with no drafter or co-signer to name.
        await manager.getRepository(DisclosureVersionEntity).insert({
          disclosureId: (identifiers[0] as { id: number }).id,
          versionNo: 1,
          action: 'publish',
          status: 'published',
          title: d.title,
          period: d.period,
          body: d.body,
          table: d.table,
          draftedAt: publishedAt,
          publishedAt,
        });
      }
    }
    // Loaded in bulk: every public page may have changed.
    await bumpContentVersions(manager, [ALL_CONTENT]);
  });
  new Logger('Demo').log(`Loaded demo data: ${DEMO_REGIONS.length} regions, ${DEMO_ACCOUNTS.length} staff accounts`);
  return true;
}
