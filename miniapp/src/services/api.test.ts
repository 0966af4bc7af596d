import { contract } from '@mashang/shared';
import { describe, expect, it, jest } from '@jest/globals';
import Taro from '../../test/mocks/taro';
import { call, routeUrl } from './api';

const ok = (data: unknown) => Taro.request.mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify(data), header: {} });

const receipt = {
  reportNo: 'R20261127-0001',
  queryCode: '1234567890123456789012345',
  status: 'submitted',
  receivedAt: '2026-11-27T08:00:00.000Z',
  dueDates: [{ kind: 'acceptance', dueOn: '2026-12-18', provisional: false }],
};

describe('typed client', () => {
  it('builds the path from the contract with encoded params', () => {
    expect(routeUrl(contract.village.page, { params: { code: '341821102201' } })).toBe('/api/v1/villages/341821102201');
    expect(routeUrl(contract.village.powerItem, { params: { id: 7 } })).toBe('/api/v1/power-items/7');
    expect(routeUrl(contract.system.health)).toBe('/api/v1/health');
  });

  it('sends GET with the query string and no body', async () => {
    ok({ items: [] });
    await expect(call(contract.village.disclosures, { params: { code: '341821102201' }, query: { kind: 'finance' } })).resolves.toEqual({
      items: [],
    });
    expect(Taro.request).toHaveBeenCalledWith(
      expect.objectContaining({
        method: 'GET',
        url: 'https://api.example.test/api/v1/villages/341821102201/disclosures?kind=finance',
        data: undefined,
      }),
    );
  });

  it('sends POST with the JSON body and returns the typed response', async () => {
    ok(receipt);
    const body = {
      idempotencyKey: 'abcdefabcdefabcdefabcdefabcdefab',
      villageCode: '341821102201',
      mode: 'anonymous' as const,
      category: 'other' as const,
      content: '村里修路的钱去哪了，一直没有公开',
    };
    const result = await call(contract.report.create, { body });
    expect(result.queryCode).toBe('1234567890123456789012345');
    const sent = Taro.request.mock.calls[0]![0] as { method: string; url: string; data: string; header: Record<string, string> };
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('https://api.example.test/api/v1/reports');
    expect(JSON.parse(sent.data)).toEqual(body);
    expect(sent.header['Content-Type']).toBe('application/json');
  });

  it('puts the query code of a lookup in the body, never in the URL', async () => {
    ok({ ...receipt, villageName: 'x', category: 'other', mode: 'anonymous', track: 'accusation', timeline: [] });
    await call(contract.report.lookup, { body: { queryCode: '1234567890123456789012345' } });
    const sent = Taro.request.mock.calls[0]![0] as { url: string; data: string };
    expect(sent.url).not.toContain('1234567890123456789012345');
    expect(JSON.parse(sent.data)).toEqual({ queryCode: '1234567890123456789012345' });
  });

  it('rejects an answer outside the contract as INTERNAL', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    ok({ reportNo: 1 });
    await expect(call(contract.report.create, { body: {} as never })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
