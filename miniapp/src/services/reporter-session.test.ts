import { describe, expect, it } from '@jest/globals';
import { villagerRoutes } from '@mashang/shared/labels';
import Taro, { routeRequests, storage, type SentRequest } from '../../test/mocks/taro';
import { fileReport } from './file-report';
import { callAsReporter, currentSession, ensureSession, filingHeaders, keepSession, signOut } from './reporter-session';

const LATER = '2099-01-01T00:00:00.000Z';
const receipt = {
  reportNo: 'ABCDEFGHJK',
  queryCode: '1234567890123456789012345',
  status: 'submitted',
  receivedAt: '2026-11-27T08:00:00.000Z',
  dueDates: [],
};
const report = {
  idempotencyKey: 'abcdefabcdefabcdefabcdefabcdefab',
  villageCode: '341821102201',
  track: 'petition' as const,
  category: 'other' as const,
  content: '村里修路的钱去哪了，一直没有公开',
};
const json = (statusCode: number, data: unknown) => ({ statusCode, data: JSON.stringify(data) });
const sent = () => Taro.request.mock.calls.map((c) => c[0]);
const tokenOf = (request: SentRequest) => request.header['X-Reporter-Token'];

describe('the reporter session', () => {
  it('sends the token with a real-name filing only, never with an anonymous one', async () => {
    keepSession({ token: 'tok-1', expiresAt: LATER }, 'wechat');
    routeRequests(() => json(201, receipt));

    await fileReport({ ...report, mode: 'anonymous' });
    await fileReport({
      ...report,
      idempotencyKey: 'bcdefabcdefabcdefabcdefabcdefabc',
      mode: 'real_name',
      reporter: { name: '张三', phone: '13800001111' },
    });

    const [anonymous, realName] = sent();
    expect(anonymous!.header).not.toHaveProperty('X-Reporter-Token');
    expect(anonymous!.header).not.toHaveProperty('Authorization');
    expect(tokenOf(realName!)).toBe('tok-1');
    expect(filingHeaders('anonymous')).toEqual({});
    expect(filingHeaders(null)).toEqual({});
    // An anonymous filing never signs anyone in either.
    expect(Taro.login).not.toHaveBeenCalled();
  });

  it('files a real-name report without a token when nobody is signed in', async () => {
    routeRequests(() => json(201, receipt));
    await fileReport({ ...report, mode: 'real_name', reporter: { name: '张三', phone: '13800001111' } });
    expect(sent()[0]!.header).not.toHaveProperty('X-Reporter-Token');
  });

  it('signs in silently in the mini program: one WeChat login code, exchanged once, then kept', async () => {
    routeRequests((request) =>
      request.url.endsWith('/api/v1/wechat/login')
        ? json(200, { token: 'tok-wx', expiresAt: LATER })
        : json(404, { code: 'NOT_FOUND', message: '没有找到' }),
    );
    // The list, the phone button and a filing may ask at once: one sign-in serves them all.
    const [a, b] = await Promise.all([ensureSession(), ensureSession()]);
    expect(a).toEqual({ token: 'tok-wx', expiresAt: LATER, kind: 'wechat' });
    expect(b).toEqual(a);
    expect(Taro.login).toHaveBeenCalledTimes(1);
    const [login] = sent();
    expect(login!.method).toBe('POST');
    expect(JSON.parse(login!.data!)).toEqual({ code: 'wx-login-1' });
    expect(login!.header).not.toHaveProperty('X-Reporter-Token');

    await ensureSession();
    expect(Taro.login).toHaveBeenCalledTimes(1);
    expect(currentSession()?.token).toBe('tok-wx');
  });

  it('forgets a session past its expiry', () => {
    keepSession({ token: 'old', expiresAt: '2020-01-01T00:00:00.000Z' }, 'phone');
    expect(currentSession()).toBeNull();
    expect(storage.size).toBe(0);
  });

  it('in the mini program signs in again once when the server no longer takes the token', async () => {
    keepSession({ token: 'stale', expiresAt: LATER }, 'wechat');
    routeRequests((request) => {
      if (request.url.endsWith('/wechat/login')) return json(200, { token: 'fresh', expiresAt: LATER });
      return tokenOf(request) === 'fresh'
        ? json(200, { items: [], total: 0 })
        : json(401, { code: 'REPORTER_SESSION_EXPIRED', message: '登录已过期，请重新登录后查看您的反映' });
    });
    await expect(callAsReporter(villagerRoutes.reporterAccount.myReports)).resolves.toEqual({ items: [], total: 0 });
    expect(sent().map((r) => [r.method, r.url.replace('https://api.example.test/api/v1', ''), tokenOf(r)])).toEqual([
      ['GET', '/me/reports', 'stale'],
      ['POST', '/wechat/login', undefined],
      ['GET', '/me/reports', 'fresh'],
    ]);
  });

  it('in H5 never signs in by itself: an expired phone session is forgotten and the page asks for the phone again', async () => {
    process.env.TARO_ENV = 'h5';
    try {
      expect(await ensureSession()).toBeNull();
      keepSession({ token: 'phone-tok', expiresAt: LATER }, 'phone');
      Taro.request.mockResolvedValueOnce(json(401, { code: 'REPORTER_SESSION_EXPIRED', message: '登录已过期' }));
      await expect(callAsReporter(villagerRoutes.reporterAccount.myReports)).rejects.toMatchObject({ code: 'REPORTER_SESSION_EXPIRED' });
      expect(currentSession()).toBeNull();
      expect(Taro.login).not.toHaveBeenCalled();
    } finally {
      process.env.TARO_ENV = 'weapp';
    }
  });

  it('signs out on the server and forgets the token here, even when the network fails', async () => {
    keepSession({ token: 'tok-out', expiresAt: LATER }, 'phone');
    Taro.request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    await signOut();
    const [request] = sent();
    expect([request!.method, request!.url.endsWith('/api/v1/me/session'), tokenOf(request!)]).toEqual(['DELETE', true, 'tok-out']);
    expect(currentSession()).toBeNull();
  });
});
