import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro from '../../../test/mocks/taro';
import LookupPage from './index';

const view = {
  reportNo: 'R20261127-0001',
  villageName: '王家村',
  category: 'welfare_funds',
  mode: 'anonymous',
  track: 'accusation',
  status: 'submitted',
  receivedAt: '2026-11-27T08:00:00.000Z',
  dueDates: [{ kind: 'acceptance', dueOn: '2026-12-18', provisional: false }],
  timeline: [{ at: '2026-11-27T08:00:00.000Z', text: '收到反映' }],
};

describe('lookup page', () => {
  it('accepts a code typed with spaces and dashes, posts it in the body and shows the status', async () => {
    Taro.request.mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify(view) });
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '12345 67890-12345 67890 12345' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByTestId('report-status')).textContent).toBe('待受理');
    expect(screen.getByText('村：王家村')).toBeTruthy();
    const sent = Taro.request.mock.calls[0]![0] as { url: string; data: string };
    expect(JSON.parse(sent.data)).toEqual({ queryCode: '1234567890123456789012345' });
    expect(sent.url).toBe('https://api.example.test/api/v1/reports/lookup');
  });

  it('explains an unknown code and a rate limit in plain words', async () => {
    Taro.request
      .mockResolvedValueOnce({ statusCode: 404, data: JSON.stringify({ code: 'QUERY_CODE_NOT_FOUND', message: 'x' }) })
      .mockResolvedValueOnce({ statusCode: 429, data: JSON.stringify({ code: 'RATE_LIMITED', message: 'x' }) });
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '1234567890123456789012345' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByTestId('error-lookup')).textContent).toContain('没有查到这个查询码');
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByText(/请等一分钟后再查/)).textContent).toContain('查询次数太多了');
  });

  it('refuses a code that is not 25 digits without asking the server', async () => {
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '12345 67890 123' } });
    // What was typed is shown in groups of five as it is typed.
    expect(screen.getByTestId('lookup-group-3').textContent).toBe('123··');
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByTestId('error-lookup')).textContent).toBe('第3组是3位，每组应是5位数字');
    expect(screen.getByTestId('lookup-group-3').className).toContain('code-groups__group--wrong');
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('takes a pasted code with dashes', async () => {
    Taro.request.mockResolvedValueOnce({ statusCode: 404, data: JSON.stringify({ code: 'QUERY_CODE_NOT_FOUND', message: 'x' }) });
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '12345-67890-12345-67890-12345' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));
    await screen.findByTestId('error-lookup');
    expect(JSON.parse((Taro.request.mock.calls[0]![0] as { data: string }).data)).toEqual({ queryCode: '1234567890123456789012345' });
  });

  it('shows the reply, rates it, then offers a review and sends the reason with the code kept in memory', async () => {
    const replied = {
      ...view,
      status: 'replied',
      reply: '经核查，低保名单已重新公示，多领的钱已经追回。',
      dueDates: [
        { kind: 'acceptance', dueOn: '2026-12-18', provisional: false, metAt: '2026-11-28T02:00:00.000Z', overdue: false },
        { kind: 'handling', dueOn: '2027-01-27', provisional: false, metAt: null, overdue: true },
      ],
      timeline: [
        { at: '2026-11-27T08:00:00.000Z', text: '收到反映' },
        { at: '2026-12-02T08:00:00.000Z', text: '经核查，低保名单已重新公示，多领的钱已经追回。' },
      ],
      actions: ['rate'],
    };
    Taro.request
      .mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify(replied) })
      .mockResolvedValueOnce({
        statusCode: 200,
        data: JSON.stringify({ ...replied, rating: 'unsatisfied', ratingReasons: ['not_solved'], actions: ['request_review'] }),
      })
      .mockResolvedValueOnce({
        statusCode: 200,
        data: JSON.stringify({ ...replied, status: 'under_review', rating: 'unsatisfied', actions: ['add_info'] }),
      });
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '1234567890123456789012345' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByTestId('reply-text')).textContent).toBe(replied.reply);
    // Read once: the timeline points to the answer instead of repeating it.
    expect(screen.getByTestId('timeline').textContent).not.toContain(replied.reply);
    expect(screen.getByTestId('due-acceptance-met').textContent).toBe('已完成');
    expect(screen.getByTestId('due-handling-overdue').textContent).toBe('逾期');
    expect(screen.queryByTestId('review-reason')).toBeNull();

    fireEvent.click(screen.getByTestId('rate-unsatisfied'));
    fireEvent.click(screen.getByTestId('reason-not_solved'));
    fireEvent.click(screen.getByTestId('rating-next'));
    fireEvent.click(screen.getByTestId('rating-save'));
    expect((await screen.findByTestId('rating-given')).textContent).toBe('您的评价：不满意（没有解决问题）');
    const rated = Taro.request.mock.calls[1]![0] as { url: string; data: string };
    expect(rated.url).toBe('https://api.example.test/api/v1/reports/rate');
    expect(JSON.parse(rated.data)).toEqual({ queryCode: '1234567890123456789012345', rating: 'unsatisfied', reasons: ['not_solved'] });

    fireEvent.change(screen.getByTestId('review-reason'), { target: { value: '名单公示了，但钱没有追回' } });
    fireEvent.click(screen.getByTestId('review-submit'));
    // The status is on screen already ('已答复'): wait for the server's answer to replace it.
    await waitFor(() => expect(screen.getByTestId('report-status').textContent).toBe('复查中'));
    expect(screen.getByTestId('add-info-input')).toBeTruthy();
    const review = Taro.request.mock.calls[2]![0] as { url: string; data: string };
    expect(review.url).toBe('https://api.example.test/api/v1/reports/review');
    expect(JSON.parse(review.data)).toEqual({ queryCode: '1234567890123456789012345', reason: '名单公示了，但钱没有追回' });
    expect(screen.queryByTestId('rate-satisfied')).toBeNull();
  });

  it('shows a refused action in plain words and keeps the page', async () => {
    Taro.request
      .mockResolvedValueOnce({
        statusCode: 200,
        data: JSON.stringify({ ...view, status: 'replied', reply: '已处理完毕，请知悉。', actions: ['rate'] }),
      })
      .mockResolvedValueOnce({
        statusCode: 409,
        data: JSON.stringify({ code: 'ACTION_NOT_ALLOWED', message: '当前状态下不能进行这项操作' }),
      });
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '1234567890123456789012345' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));
    fireEvent.click(await screen.findByTestId('rate-satisfied'));
    fireEvent.click(screen.getByTestId('rating-next'));
    fireEvent.click(screen.getByTestId('rating-save'));
    expect((await screen.findByTestId('action-message')).textContent).toBe('当前状态下不能进行这项操作');
    expect(screen.getByTestId('reply-text').textContent).toBe('已处理完毕，请知悉。');
  });
  it('says how the answer can be contested and which date changed last', async () => {
    const answered = {
      ...view,
      status: 'replied',
      reply: '复查后，县纪委已责令追回多领的补贴。',
      rating: 'unsatisfied',
      actions: [],
      reviewPath: '请向市级信访工作机构申请复核',
      timeline: [
        { at: '2026-11-27T08:00:00.000Z', text: '收到反映' },
        { at: '2026-12-01T08:00:00.000Z', text: '延期申请未获批准，理由：材料齐全。仍须在2026年12月18日前答复您' },
        { at: '2026-12-02T08:00:00.000Z', text: '答复期限已延长至2027年1月18日' },
        { at: '2026-12-03T08:00:00.000Z', text: '复查后，县纪委已责令追回多领的补贴。' },
      ],
    };
    Taro.request.mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify(answered) });
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '1234567890123456789012345' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByTestId('review-path')).textContent).toBe('请向市级信访工作机构申请复核');
    expect(screen.getByTestId('date-change').textContent).toBe('答复期限已延长至2027年1月18日');
  });
});
