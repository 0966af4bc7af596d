import type { RegionLevel } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { ALL_CONTENT, bumpContentVersions } from '../../src/common/content-versions/content-versions.js';
import { RegionEntity } from '../../src/modules/region/region.entity.js';
import type { TestApp } from '../support/test-app.js';

/** A region row as the app stores it. */
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  hotline: string | null;
}

let counties = 0;
const children = new Map<string, number>();

/** The next free code under a parent: 3 more digits, from `first` up (townships 101…, villages 201…). */
function childCode(parent: Region, first: number): string {
  const n = children.get(parent.code) ?? 0;
  children.set(parent.code, n + 1);
  return `${parent.code}${first + n}`;
}

async function insert(t: TestApp, region: Region): Promise<Region> {
  const dataSource = t.app.get(DataSource);
  await dataSource.getRepository(RegionEntity).insert(region);
  // Written past the app, as a bulk load would: the public pages' cache is told as a bulk load tells it.
  await bumpContentVersions(dataSource.manager, [ALL_CONTENT]);
  return region;
}

/** A county (6-digit code). */
export function county(t: TestApp, fields: Partial<Pick<Region, 'name'>> = {}): Promise<Region> {
  counties++;
  return insert(t, {
    code: `4301${String(counties).padStart(2, '0')}`,
    name: fields.name ?? `试点县${counties}`,
    level: 'county',
    parentCode: null,
    hotline: null,
  });
}

/** A township of a county (9-digit code), with the hotline its posters print. */
export function township(t: TestApp, parent: Region, fields: Partial<Pick<Region, 'name' | 'hotline'>> = {}): Promise<Region> {
  const code = childCode(parent, 101);
  return insert(t, {
    code,
    name: fields.name ?? `试点镇${code.slice(-3)}`,
    level: 'township',
    parentCode: parent.code,
    hotline: fields.hotline ?? `0731-8${code.slice(-3)}000`,
  });
}

/** A village of a township (12-digit code). */
export function village(t: TestApp, parent: Region, fields: Partial<Pick<Region, 'name'>> = {}): Promise<Region> {
  const code = childCode(parent, 201);
  return insert(t, { code, name: fields.name ?? `试点村${code.slice(-3)}`, level: 'village', parentCode: parent.code, hotline: null });
}

/** The province over the factories' counties (2-digit code `43`), made once per database. */
export async function province(t: TestApp): Promise<Region> {
  const region: Region = { code: '43', name: '试点省', level: 'province', parentCode: null, hotline: null };
  const regions = t.app.get(DataSource).getRepository(RegionEntity);
  if (!(await regions.existsBy({ code: region.code }))) await regions.insert(region);
  return region;
}
