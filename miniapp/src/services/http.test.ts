import { describe, expect, it } from '@jest/globals';
import Taro from '../../test/mocks/taro';
import { ApiError, request } from './http';

const answer = (statusCode: number, data: unknown) =>
  Taro.request.mockResolvedValueOnce({ statusCode, data, header: {}, errMsg: 'request:ok' });

describe('request', () => {
  it('resolves with the parsed JSON of a 2xx answer, at the configured API base', async () => {
    answer(200, JSON.stringify({ status: 'ok', database: 'sqlite' }));
    await expect(request({ method: 'GET', path: '/api/v1/health' })).resolves.toEqual({ status: 'ok', database: 'sqlite' });
    expect(Taro.request).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://api.example.test/api/v1/health', method: 'GET', dataType: 'text' }),
    );
  });

  it('turns the server error body into an ApiError with its code, message and field details', async () => {
    answer(
      400,
      JSON.stringify({
        code: 'VALIDATION_FAILED',
        message: '填写的内容有误，请按提示修改后再提交',
        details: [{ field: 'body.reporter.phone', message: '请填写11位手机号' }],
      }),
    );
    const error = await request({ method: 'POST', path: '/api/v1/reports', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: '填写的内容有误，请按提示修改后再提交',
      details: [{ field: 'body.reporter.phone', message: '请填写11位手机号' }],
    });
  });

  it('keeps a 404 code such as VILLAGE_NOT_FOUND', async () => {
    answer(404, { code: 'VILLAGE_NOT_FOUND', message: '没有找到这个村，请确认二维码是否完整' });
    await expect(request({ method: 'GET', path: '/api/v1/villages/341821102299' })).rejects.toMatchObject({
      code: 'VILLAGE_NOT_FOUND',
      message: '没有找到这个村，请确认二维码是否完整',
    });
  });

  it('gives a large body (a photo, base64) time to travel on a weak network', async () => {
    answer(200, JSON.stringify({}));
    answer(200, JSON.stringify({}));
    await request({ method: 'POST', path: '/api/v1/staff/login', body: { username: 'a', password: 'b' } });
    const photo = { fileName: 'a.jpg', contentBase64: 'A'.repeat(4_000_000) };
    await request({ method: 'POST', path: '/api/v1/staff/disclosures/31/attachments', body: photo });
    const [form, upload] = Taro.request.mock.calls.map((c) => c[0].timeout);
    expect(form).toBe(15_000);
    // 4 MB at 32 KB/s: over two minutes, not the 15 s a form gets.
    expect(upload).toBeGreaterThan(140_000);
  });

  it('maps a network failure or timeout to NETWORK_ERROR with the Chinese message', async () => {
    Taro.request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    await expect(request({ method: 'GET', path: '/api/v1/health' })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
      message: '网络不太好，请检查网络后重试',
    });
  });

  it('maps a non-JSON answer by its status: gateway pages are the network, others are internal', async () => {
    answer(502, '<html>Bad Gateway</html>');
    await expect(request({ method: 'GET', path: '/api/v1/health' })).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 502 });
    answer(500, 'Internal Server Error');
    await expect(request({ method: 'GET', path: '/api/v1/health' })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: '系统暂时出了点问题，请稍后再试',
    });
    answer(200, '<html>请登录 Wi-Fi</html>');
    await expect(request({ method: 'GET', path: '/api/v1/health' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    answer(413, '<html>Request Entity Too Large</html>');
    await expect(request({ method: 'POST', path: '/api/v1/reports', body: {} })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('does not trust an error body with an unknown code', async () => {
    answer(429, JSON.stringify({ code: 'SLOW_DOWN', message: 'x' }));
    await expect(request({ method: 'POST', path: '/api/v1/reports/lookup', body: {} })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: '操作太频繁了，请稍等一分钟再试',
    });
  });
});
