import { describe, expect, it } from '@jest/globals';
import { posterPath, townshipsOf } from './posters';

describe('poster choices', () => {
  it('groups the villages of the jurisdiction by township, in the order given', () => {
    const townships = townshipsOf([
      { code: '341821102201', name: '东山村', townshipName: '桃源镇' },
      { code: '341821102202', name: '西河村', townshipName: '桃源镇' },
      { code: '341821203201', name: '石门村', townshipName: '石门乡' },
    ]);
    expect(townships.map((t) => [t.code, t.name, t.villages.map((v) => v.name)])).toEqual([
      ['341821102', '桃源镇', ['东山村', '西河村']],
      ['341821203', '石门乡', ['石门村']],
    ]);
  });

  it('asks for a township or one village, as a PDF or the print page', () => {
    expect(posterPath('pdf', { township: '341821102' })).toBe('/api/v1/staff/posters.pdf?township=341821102');
    expect(posterPath('html', { village: '341821102201' })).toBe('/api/v1/staff/posters.html?village=341821102201');
  });
});
