import { describe, expect, it } from '@jest/globals';
import { knownIdentities, screenPersonalNumbers } from './screen-personal-numbers.js';

const ID = '341821199003074538';
const ID_BAD_CHECK = '341821199003074539';

describe('screening a draft for personal numbers', () => {
  it('masks identity and phone columns and keeps the full ID numbers apart', () => {
    const screened = screenPersonalNumbers({
      title: '2026年耕地地力保护补贴发放名单',
      body: '',
      table: {
        columns: ['姓名', '身份证号', '联系电话', '金额'],
        rows: [
          ['王大山', ID, '13955667788', '1200.00'],
          ['李小河', '3418**********1217', '', '800.00'],
        ],
      },
    });
    expect(screened.problems).toEqual([]);
    expect(screened.table?.rows).toEqual([
      ['王大山', '3418**********4538', '139****7788', '1200.00'],
      ['李小河', '3418**********1217', '', '800.00'],
    ]);
    expect(screened.identities).toEqual([[ID], [null]]);
  });

  it('names every place outside those columns that holds a full number', () => {
    const screened = screenPersonalNumbers({
      title: '补贴名单',
      body: `如有疑问请联系13812345678`,
      table: { columns: ['姓名', '备注'], rows: [['王大山', `身份证${ID}`]] },
    });
    expect(screened.problems).toEqual([
      { field: 'body.body', message: '正文中有完整的手机号（138****5678），请删去或改为遮挡后的形式' },
      { field: 'body.table.rows.0.1', message: '第1行「备注」列有完整的身份证号（3418**********4538），请删去或改为遮挡后的形式' },
    ]);
  });

  it('flags an ID number whose check character is wrong, and keeps nothing for it', () => {
    const screened = screenPersonalNumbers({ title: '名单', body: '', table: { columns: ['身份证号'], rows: [[ID_BAD_CHECK]] } });
    expect(screened.problems).toEqual([{ field: 'body.table.rows.0.0', message: '第1行「身份证号」列的身份证号校验位不对，请核对' }]);
    expect(screened.identities).toBeNull();
  });

  it('leaves a table without personal numbers as it is', () => {
    const table = { columns: ['月份', '收入', '支出'], rows: [['10月', '12000.00', '8000.00']] };
    expect(screenPersonalNumbers({ title: '10月收支', body: '合同号110105194912310021', table })).toEqual({
      table,
      identities: null,
      problems: [],
    });
  });
});

describe('a draft saved again with the masked numbers staff see', () => {
  it('keeps the full number for a masked cell of the same person, and nothing for a stranger or an ambiguous mask', () => {
    const before = {
      columns: ['姓名', '身份证号'],
      rows: [
        ['王大山', '3418**********4538'],
        ['李小河', '3418**********4538'],
        ['李小河', '3418**********4538'],
      ],
    };
    const known = knownIdentities(before, [[ID], ['341821199103074538'], ['341821199203074538']]);
    const screened = screenPersonalNumbers(
      {
        title: '更正名单',
        body: '',
        table: {
          columns: ['姓名', '身份证号'],
          rows: [
            ['王大山', '3418**********4538'],
            ['赵春花', '3418**********4538'],
            ['李小河', '3418**********4538'],
          ],
        },
      },
      known,
    );
    expect(screened.identities).toEqual([[ID], [null], [null]]);
  });
});

describe('what an identity column may hold', () => {
  it('refuses a full number with a note, a mobile number, or an old 15-digit number in it', () => {
    const screened = screenPersonalNumbers({
      title: '名单',
      body: '',
      table: {
        columns: ['序号', '姓名', '身份证号'],
        rows: [
          ['1', '王大山', `${ID}（户主）`],
          ['2', '李小河', '13812345678'],
          ['3', '赵春花', '341821900307453'],
        ],
      },
    });
    expect(screened.problems.map((p) => p.message)).toEqual([
      '第1行「身份证号」列有完整的身份证号（3418**********4538），请删去或改为遮挡后的形式',
      '第2行「身份证号」列有完整的手机号（138****5678），请删去或改为遮挡后的形式',
      '第3行「身份证号」列是15位的旧身份证号，请改为18位或遮挡后的形式',
    ]);
  });

  it('matches masked numbers by the 姓名 column wherever it stands, so inserting a line keeps them', () => {
    const before = { columns: ['序号', '姓名', '身份证号'], rows: [['1', '王大山', '3418**********4538']] };
    const known = knownIdentities(before, [[ID]]);
    const after = screenPersonalNumbers(
      {
        title: '更正名单',
        body: '',
        table: {
          columns: before.columns,
          rows: [
            ['1', '李小河', '3418**********1217'],
            ['2', '王大山', '3418**********4538'],
          ],
        },
      },
      known,
    );
    expect(after.identities).toEqual([[null], [ID]]);
  });
});
