import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import Taro, { routeRequests as routeEvery, setRouterParams, type NetworkAnswer, type SentRequest } from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import DisclosureEditPage from './index';
import { setPhoneClock } from '../../../../test/phone-clock';

const account = {
  id: 5,
  username: 'dongshan-pub',
  displayName: '陈报账',
  role: 'village_publisher',
  regionCode: '341821102201',
  regionName: '东山村',
  disabled: false,
  mustChangePassword: false,
  twoFactorEnabled: false,
  twoFactorRequired: false,
} as const;

const ID = '341821199001011234';

const answer = (body: unknown, statusCode = 200): NetworkAnswer => ({ statusCode, data: JSON.stringify(body) });

function staffDisclosure(table: { columns: string[]; rows: string[][] } | null, status: 'draft' | 'submitted' = 'draft') {
  const version = {
    versionNo: 1,
    action: 'publish',
    status,
    title: '2026年耕地地力保护补贴发放名单',
    period: '2026-10',
    body: '',
    table,
    reason: null,
    draftedBy: '陈报账',
    draftedAt: '2026-10-08T02:00:00.000Z',
    submittedAt: status === 'submitted' ? '2026-10-08T03:00:00.000Z' : null,
    reviewedBy: null,
    reviewedAt: null,
    reviewComment: null,
  };
  return {
    id: 31,
    villageCode: '341821102201',
    villageName: '东山村',
    kind: 'finance',
    type: 'subsidy_list',
    status: 'unpublished',
    open: version,
    versions: [version],
    correctionRequired: null,
    history: [{ at: '2026-10-08T02:00:00.000Z', actor: '陈报账', action: '起草', comment: null }],
  };
}

/** The mini program's file APIs, which the shared Taro mock leaves out: the picked file and its bytes. */
const files = {
  chooseMessageFile: jest.fn((_options: { count: number; type?: string; extension?: string[] }) =>
    Promise.resolve({
      errMsg: 'chooseMessageFile:ok',
      tempFiles: [{ name: '补贴名单.xlsx', path: 'wxfile://tmp/1.xlsx', size: 2048, time: 0, type: 'file' }],
    }),
  ),
  readFile: jest.fn((options: { filePath: string; encoding?: string; success?: (r: { data: string; errMsg: string }) => void }) =>
    options.success?.({ data: 'UEsDBBQAAAAIAA==', errMsg: 'readFile:ok' }),
  ),
};
Object.assign(Taro, { chooseMessageFile: files.chooseMessageFile, getFileSystemManager: jest.fn(() => ({ readFile: files.readFile })) });

/** The server's China date, which the editor reads from the overdue list (asOf) before it shows the form. */
const SERVER_TODAY = '2026-10-08';

/** Answers each request with what `route` returns for it, and the overdue list with the server's date. */
function routeRequests(route: (options: SentRequest) => NetworkAnswer, today = SERVER_TODAY): void {
  routeEvery((options) => (options.url.includes('/staff/disclosure-overdue') ? answer({ items: [], asOf: today }) : route(options)));
}

/** Opens the editor and waits for its form. */
async function open(params: Record<string, string> = {}) {
  setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
  setRouterParams(params);
  render(<DisclosureEditPage />);
  await screen.findByTestId('table-editor');
}

/** Picks kind, type, title and a month, as a publisher would. */
function fillHead() {
  fireEvent.click(screen.getByTestId('kind-finance'));
  fireEvent.click(screen.getByTestId('type'));
  fireEvent.click(screen.getByTestId('type-option-subsidy_list'));
  fireEvent.change(screen.getByTestId('title'), { target: { value: '2026年耕地地力保护补贴发放名单' } });
  fireEvent.click(screen.getByTestId('period-form-month'));
  fireEvent.click(screen.getByTestId('period-year'));
  fireEvent.click(screen.getByTestId('period-year-option-2026'));
  fireEvent.click(screen.getByTestId('period-month'));
  fireEvent.click(screen.getByTestId('period-month-option-10'));
}

const sent = (method: string, path: string) =>
  Taro.request.mock.calls.map((c) => c[0]).filter((r: SentRequest) => r.method === method && r.url.endsWith(path));

describe('disclosure editor', () => {
  beforeEach(() => {
    files.chooseMessageFile.mockClear();
    files.readFile.mockClear();
    routeRequests(() => answer({}, 500));
  });

  it('builds a table by hand from the type’s template columns and saves it as a new draft', async () => {
    routeRequests(({ method, data }) => {
      const body = data ? (JSON.parse(data) as { table: { columns: string[]; rows: string[][] } }) : null;
      return method === 'GET' ? answer({}) : answer(staffDisclosure(body?.table ?? null));
    });
    await open();
    fillHead();
    expect(screen.getByTestId('table-editor').textContent).toContain('列：姓名、身份证号、补贴项目、面积（亩）、补贴金额（元）、发放日期');
    fireEvent.click(screen.getByTestId('add-row'));
    fireEvent.click(screen.getByTestId('add-row'));
    fireEvent.click(screen.getByTestId('add-row'));
    expect(screen.getAllByTestId('edit-row')).toHaveLength(3);
    const row = ['王小明', ID, '耕地地力保护补贴', '3.5', '385.00', '2026-10-08'];
    row.forEach((value, c) => fireEvent.change(screen.getByTestId(`cell-0-${c}`), { target: { value } }));
    fireEvent.change(screen.getByTestId('cell-1-0'), { target: { value: '删掉的一行' } });
    fireEvent.click(screen.getAllByTestId('remove-row')[1]!);
    expect(screen.getAllByTestId('edit-row')).toHaveLength(2);

    fireEvent.click(screen.getByTestId('save'));
    expect((await screen.findByTestId('notice')).textContent).toContain('草稿已保存');
    const [create] = sent('POST', '/api/v1/staff/disclosures');
    // The blank third row is left out; the full ID number goes to the server, which masks it.
    expect(JSON.parse(create!.data!)).toEqual({
      kind: 'finance',
      type: 'subsidy_list',
      title: '2026年耕地地力保护补贴发放名单',
      period: '2026-10',
      body: '',
      table: { columns: ['姓名', '身份证号', '补贴项目', '面积（亩）', '补贴金额（元）', '发放日期'], rows: [row] },
    });
    expect(create!.header.Authorization).toBe('Bearer tok');

    // The second save changes the same draft instead of starting another one.
    fireEvent.change(screen.getByTestId('title'), { target: { value: '2026年耕地地力保护补贴发放名单（第一批）' } });
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(sent('PUT', '/api/v1/staff/disclosures/31/draft')).toHaveLength(1));
    expect(sent('POST', '/api/v1/staff/disclosures')).toHaveLength(1);
  });

  it('names what is missing before sending anything', async () => {
    await open();
    fireEvent.click(screen.getByTestId('save-submit'));
    expect((await screen.findByTestId('error-kind')).textContent).toContain('党务、村务还是财务');
    expect(screen.getByTestId('error-type').textContent).toBe('请选择公开事项的类型');
    expect(screen.getByTestId('error-title').textContent).toBe('标题至少2个字');
    // Only the server's date was asked for: nothing was sent.
    expect(Taro.request.mock.calls.map((c) => c[0].method)).toEqual(['GET']);
  });

  it('imports a file picked from a chat and lists each row-and-column problem above the table, leaving it unchanged', async () => {
    routeRequests(() =>
      answer(
        {
          code: 'SPREADSHEET_INVALID',
          message: '表格文件有误，请按提示修改后重新导入',
          details: [
            { field: 'body.file.rows.3.2', message: '第3行第2列（身份证号）：应为18位身份证号' },
            { field: 'body.file.rows.5.5', message: '第5行第5列（补贴金额（元））：应为金额，如 1200.00' },
          ],
        },
        422,
      ),
    );
    await open();
    fillHead();
    fireEvent.click(screen.getByTestId('add-row'));
    fireEvent.change(screen.getByTestId('cell-0-0'), { target: { value: '张三' } });
    fireEvent.click(screen.getByTestId('import-button'));

    const problems = await screen.findAllByTestId('import-error');
    expect(problems.map((p) => p.textContent)).toEqual([
      '第3行第2列（身份证号）：应为18位身份证号',
      '第5行第5列（补贴金额（元））：应为金额，如 1200.00',
    ]);
    expect(screen.getByTestId('import-errors').textContent).toContain('表格没有变');
    expect(screen.getByTestId<HTMLInputElement>('cell-0-0').value).toBe('张三');
    expect(files.chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    expect(files.readFile.mock.calls[0]![0]).toMatchObject({ filePath: 'wxfile://tmp/1.xlsx', encoding: 'base64' });
    const [upload] = sent('POST', '/api/v1/staff/disclosures/import');
    expect(JSON.parse(upload!.data!)).toEqual({ type: 'subsidy_list', format: 'xlsx', file: 'UEsDBBQAAAAIAA==' });
  });

  it('fills the table from a good file and refuses a file of another kind without uploading it', async () => {
    const imported = {
      columns: ['姓名', '身份证号', '补贴项目', '面积（亩）', '补贴金额（元）', '发放日期'],
      rows: [
        ['王小明', ID, '耕地地力保护补贴', '3.5', '385.00', '2026-10-08'],
        ['李大娘', '341821195501011232', '耕地地力保护补贴', '2', '220.00', '2026-10-08'],
      ],
    };
    routeRequests(() => answer({ table: imported }));
    await open();
    fillHead();
    fireEvent.click(screen.getByTestId('import-button'));
    expect((await screen.findByTestId('notice')).textContent).toContain('已从「补贴名单.xlsx」导入 2 行');
    expect(screen.getAllByTestId('edit-row')).toHaveLength(2);
    expect(screen.getByTestId<HTMLInputElement>('cell-1-0').value).toBe('李大娘');

    files.chooseMessageFile.mockResolvedValueOnce({
      errMsg: 'chooseMessageFile:ok',
      tempFiles: [{ name: '名单.xls', path: 'wxfile://tmp/2.xls', size: 10, time: 0, type: 'file' }],
    });
    fireEvent.click(screen.getByTestId('import-button'));
    expect((await screen.findByTestId('import-error')).textContent).toContain('只能导入 Excel（.xlsx）或 CSV（.csv）文件');
    expect(sent('POST', '/api/v1/staff/disclosures/import')).toHaveLength(1);
  });

  it('shows a refused number next to its cell, and masks it on request', async () => {
    const table = {
      columns: ['姓名', '身份证号', '补贴项目', '面积（亩）', '补贴金额（元）', '发放日期'],
      rows: [
        ['王小明', ID, '耕地地力保护补贴', '3.5', '385.00', '2026-10-08'],
        ['李大娘', '341821195501011232', `联系电话13812345678`, '2', '220.00', '2026-10-08'],
      ],
    };
    routeRequests(({ method }) =>
      method === 'GET'
        ? answer(staffDisclosure(table))
        : answer(
            {
              code: 'PERSONAL_NUMBER_UNMASKED',
              message: '公开内容里有完整的身份证号或手机号，请按提示删去或遮挡后再保存',
              details: [
                { field: 'body.table.rows.1.2', message: '第2行「补贴项目」列有完整的手机号（138****5678），请删去或改为遮挡后的形式' },
              ],
            },
            422,
          ),
    );
    await open({ id: '31' });
    expect((await screen.findByTestId<HTMLInputElement>('cell-1-2')).value).toBe('联系电话13812345678');
    fireEvent.click(screen.getByTestId('save-submit'));

    expect((await screen.findByTestId('cell-error-1-2')).textContent).toContain('第2行「补贴项目」列有完整的手机号');
    expect(screen.getByTestId('form-error').textContent).toBe('公开内容里有完整的身份证号或手机号，请按提示删去或遮挡后再保存');
    expect(screen.getByTestId('cell-problems-count').textContent).toContain('1 处');
    expect(screen.queryByTestId('cell-error-0-1')).toBeNull();
    expect(sent('POST', '/api/v1/staff/disclosures/31/submit')).toHaveLength(0);
    expect(Taro.redirectTo).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('cell-mask-1-2'));
    expect(screen.getByTestId<HTMLInputElement>('cell-1-2').value).toBe('联系电话138****5678');
    expect(screen.queryByTestId('cell-error-1-2')).toBeNull();
  });

  it('says plainly when a table is too big to save in one go', async () => {
    routeRequests(() => answer({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太长了，请精简后再提交' }, 413));
    await open();
    fillHead();
    fireEvent.click(screen.getByTestId('add-row'));
    fireEvent.change(screen.getByTestId('cell-0-0'), { target: { value: '王小明' } });
    fireEvent.click(screen.getByTestId('save'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('表格有 1 行，一次保存不下，这次没有保存。请把名单分成几份公开。');
  });

  it('saves, submits and goes to the disclosure page', async () => {
    routeRequests(({ method, url }) => {
      if (method === 'GET') return answer(staffDisclosure(null));
      if (url.endsWith('/submit')) return answer(staffDisclosure(null, 'submitted'));
      return answer(staffDisclosure(null));
    });
    await open({ id: '31' });
    await screen.findByTestId('table-editor');
    fireEvent.click(screen.getByTestId('save-submit'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/pages/disclosure/index?id=31' }));
    expect(sent('PUT', '/api/v1/staff/disclosures/31/draft')).toHaveLength(1);
    expect(sent('POST', '/api/v1/staff/disclosures/31/submit')).toHaveLength(1);
  });

  it('suggests the period and offers the years from the server’s date, not from a staff phone whose clock is wrong', async () => {
    // The phone thinks it is March next year (its clock alone is faked; the page's timers run as usual).
    try {
      setPhoneClock(new Date('2027-03-01T02:00:00Z'));
      routeRequests((r) => (r.method === 'POST' ? answer(staffDisclosure(null)) : answer({}, 500)), '2026-11-05');
      await open();
      fireEvent.click(screen.getByTestId('kind-finance'));
      fireEvent.click(screen.getByTestId('type'));
      fireEvent.click(screen.getByTestId('type-option-income_expense'));
      // Finance is monthly: this month by the server's date.
      expect(screen.getByTestId('period-year').textContent).toContain('2026年');
      expect(screen.getByTestId('period-month').textContent).toContain('11月');
      fireEvent.click(screen.getByTestId('period-form-quarter'));
      expect(screen.getByTestId('period-quarter').textContent).toContain('第四季度');
      fireEvent.click(screen.getByTestId('period-year'));
      const years = screen.getAllByTestId(/^period-year-option-/).map((o) => o.textContent);
      expect(years).toEqual(['2027年', '2026年', '2025年', '2024年', '2023年']);
      fireEvent.click(screen.getByTestId('period-year-option-2026'));

      fireEvent.change(screen.getByTestId('title'), { target: { value: '2026年第四季度收支明细' } });
      fireEvent.click(screen.getByTestId('save'));
      expect((await screen.findByTestId('notice')).textContent).toContain('草稿已保存');
      const [create] = sent('POST', '/api/v1/staff/disclosures');
      expect((JSON.parse(create!.data!) as { period: string }).period).toBe('2026-Q4');
    } finally {
      jest.useRealTimers();
    }
  });
});
