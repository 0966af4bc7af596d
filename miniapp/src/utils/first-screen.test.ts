import { contract } from '@mashang/shared';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Taro from '../../test/mocks/taro';
import { call } from '../services/api';
import { handOverFirstScreen } from './first-screen';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function taroPage(html: string): void {
  const page = document.createElement('div');
  page.className = 'taro_page';
  page.innerHTML = html;
  document.getElementById('app')!.appendChild(page);
}

describe('the HTML shell hands over to the app (H5)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('keeps a village first screen over the app until the app shows the village', async () => {
    document.body.innerHTML = '<main id="first-screen" data-village="341821102201"><h1>东山村</h1></main><div id="app"></div>';
    handOverFirstScreen();
    taroPage('<div data-testid="loading">正在加载</div>');
    await settle();
    // The app's loading state would be a step back from the village's name: the first screen stays.
    expect(document.getElementById('first-screen')).not.toBeNull();
    taroPage('<div data-testid="village-name">东山村</div>');
    await settle();
    expect(document.getElementById('first-screen')).toBeNull();
  });

  it('replaces the loading line of any other route by the page’s own first render', async () => {
    document.body.innerHTML = '<main id="first-screen"><p>正在打开</p></main><div id="app"></div>';
    handOverFirstScreen();
    taroPage('');
    await settle();
    expect(document.getElementById('first-screen')).not.toBeNull();
    taroPage('<div data-testid="loading">正在加载</div>');
    await settle();
    expect(document.getElementById('first-screen')).toBeNull();
  });
});

describe('the village page written into the HTML (H5)', () => {
  const page = {
    village: { code: '341821102201', name: '东山村' },
    township: { code: '341821102', name: '桃源镇', hotline: null },
    county: { code: '341821', name: '青溪县' },
    powerList: [],
    disclosures: { party: [], village: [], finance: [] },
    record: { asOf: '2026-11-27', received: 0, answered: 0, answeredOnTime: 0 },
    overdue: [],
  };
  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
    document.body.innerHTML = `<script type="application/json" id="village-page-data">${JSON.stringify(page)}</script>`;
  });
  afterEach(() => {
    process.env.TARO_ENV = 'weapp';
    document.body.innerHTML = '';
  });

  it('is taken once, for its own village, without a request', async () => {
    Taro.request.mockClear();
    await expect(call(contract.village.page, { params: { code: '341821102201' } })).resolves.toMatchObject({ village: { name: '东山村' } });
    expect(Taro.request).not.toHaveBeenCalled();
    expect(document.getElementById('village-page-data')).toBeNull();
  });

  it('is not used for another village', async () => {
    Taro.request.mockClear();
    Taro.request.mockResolvedValueOnce({
      statusCode: 200,
      data: JSON.stringify({ ...page, village: { code: '341821102202', name: '西山村' } }),
      header: {},
    });
    await expect(call(contract.village.page, { params: { code: '341821102202' } })).resolves.toMatchObject({ village: { name: '西山村' } });
    expect(Taro.request).toHaveBeenCalledTimes(1);
  });
});
