import type { TestApp } from '../support/test-app.js';
import { county, type Region, township, village } from './regions.js';
import { staffAccount, type StaffFixture } from './staff.js';

/** The smallest world a case moves through: a village's reports, its township's handler and the county over both. */
export interface Casework {
  /** The county (default name); its supervisor oversees every case below it. */
  qingshui: Region;
  /** 桃源镇, the township of 东山村: its handler answers the village's cases. */
  taoyuan: Region;
  /** 东山村, the village reports are filed on. */
  dongshan: Region;
  /** The township handler of 桃源镇. */
  handler: StaffFixture;
  /** The county supervisor of the county. */
  countyStaff: StaffFixture;
}

/**
 * A county, its township 桃源镇 with the village 东山村, the township's handler and the county's
 * supervisor, made in that order. A suite adds what else it needs (another township, an admin)
 * after it.
 */
export async function casework(t: TestApp): Promise<Casework> {
  const qingshui = await county(t);
  const taoyuan = await township(t, qingshui, { name: '桃源镇' });
  const dongshan = await village(t, taoyuan, { name: '东山村' });
  const handler = await staffAccount(t, 'township_handler', taoyuan);
  const countyStaff = await staffAccount(t, 'county_supervisor', qingshui);
  return { qingshui, taoyuan, dongshan, handler, countyStaff };
}
