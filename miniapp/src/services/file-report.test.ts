import { proofOfWorkHolds } from '@mashang/shared';
import { describe, expect, it, jest } from '@jest/globals';
import Taro from '../../test/mocks/taro';
import { fileReport } from './file-report';

const answer = (statusCode: number, data: unknown) =>
  Taro.request.mockResolvedValueOnce({ statusCode, data: JSON.stringify(data), header: {} });

const receipt = {
  reportNo: 'ABCDEFGHJK',
  queryCode: '12345 67890 12345 67890 12345',
  status: 'submitted',
  receivedAt: '2026-11-27T08:00:00.000Z',
  dueDates: [],
};
const body = {
  idempotencyKey: 'abcdefabcdefabcdefabcdefabcdefab',
  villageCode: '341821102201',
  mode: 'anonymous' as const,
  category: 'other' as const,
  content: '村里修路的钱去哪了，一直没有公开',
};
const asked = (challenge: string) => ({
  code: 'PROOF_OF_WORK_REQUIRED',
  message: '提交的人比较多，手机需要验算几秒钟，请稍候',
  proofOfWork: { challenge, difficulty: 8, expiresAt: '2026-11-27T08:10:00.000Z' },
});
const sentBodies = () => Taro.request.mock.calls.map((c) => JSON.parse((c[0] as { data: string }).data) as Record<string, unknown>);

describe('filing a report', () => {
  it('files at once when the server asks nothing', async () => {
    answer(201, receipt);
    await expect(fileReport(body)).resolves.toEqual(receipt);
    expect(sentBodies()).toEqual([body]);
  });

  it('solves the proof of work the server asks for and sends the same report again with it, saying so meanwhile', async () => {
    answer(428, asked('v1.8.1.abc.mac'));
    answer(201, receipt);
    const working = jest.fn();
    await expect(fileReport(body, working)).resolves.toEqual(receipt);
    const [first, second] = sentBodies();
    expect(first).toEqual(body);
    const { proofOfWork, ...rest } = second as { proofOfWork: { challenge: string; nonce: string } };
    expect(rest).toEqual(body);
    expect(proofOfWork.challenge).toBe('v1.8.1.abc.mac');
    expect(proofOfWorkHolds(proofOfWork.challenge, proofOfWork.nonce, 8)).toBe(true);
    expect(working.mock.calls).toEqual([[true], [false]]);
  });

  it('gives up after a few rounds and passes the server error on', async () => {
    for (let i = 0; i < 4; i++) answer(428, asked(`v1.8.${i}.abc.mac`));
    await expect(fileReport(body)).rejects.toMatchObject({ code: 'PROOF_OF_WORK_REQUIRED' });
    expect(Taro.request).toHaveBeenCalledTimes(4);
  });
});
