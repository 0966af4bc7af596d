import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, jest } from '@jest/globals';
import type { ReportStatusView } from '@mashang/shared';
import Taro from '../../../test/mocks/taro';
import ReportProgress from './ReportProgress';
import RatingForm from './RatingForm';

const base: ReportStatusView = {
  reportNo: 'R1',
  villageName: '王家村',
  category: 'welfare_funds',
  mode: 'real_name',
  track: 'accusation',
  status: 'accepted',
  receivedAt: '2026-11-27T08:00:00.000Z',
  dueDates: [],
  next: {
    date: '2026-12-27',
    text: '乡镇纪委已经受理，正在调查核实。查清后会告诉您结果。这一步没有固定期限，请在2026年12月27日前后再来查看进展',
  },
  timeline: [],
  reply: null,
  rating: null,
  ratingReasons: [],
  actions: [],
  reviewPath: null,
};
const labels = (state: string) => screen.queryAllByTestId(`step-${state}`).map((s) => s.textContent);

describe('report progress', () => {
  it('shows an accepted accusation at 办理中 with the next date in plain words, never 检举控告', () => {
    const { container } = render(<ReportProgress view={base} />);
    expect(labels('done')).toEqual(['✓已提交', '✓已受理']);
    expect(labels('current')).toEqual(['3办理中']);
    expect(labels('todo')).toEqual(['4已答复', '5评价']);
    expect(screen.getByTestId('next-step').textContent).toContain('请在2026年12月27日前后再来查看进展');
    expect(container.textContent).not.toContain('检举控告');
  });

  it('waits for the rating once answered, shows the reply once with its phone numbers to call', () => {
    render(<ReportProgress view={{ ...base, status: 'replied', reply: '已补发。有疑问请打王书记电话13912345678或0551-1234567。' }} />);
    expect(labels('current')).toEqual(['5待评价']);
    expect(screen.getAllByTestId('reply-text')).toHaveLength(1);
    const phones = within(screen.getByTestId('reply-text')).getAllByTestId('phone-link');
    expect(phones.map((p) => p.textContent)).toEqual(['13912345678', '0551-1234567']);
    fireEvent.click(phones[1]!);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '05511234567' });
  });

  it('ends the path plainly for a transferred report and marks a closed one all done', () => {
    const { rerender } = render(
      <ReportProgress view={{ ...base, status: 'transferred', next: { date: null, text: '已经转给负责的单位' } }} />,
    );
    expect(labels('ended')).toEqual(['2已转给负责的单位']);
    expect(labels('todo')).toEqual([]);
    rerender(<ReportProgress view={{ ...base, status: 'closed', rating: 'satisfied' }} />);
    expect(labels('done')).toHaveLength(5);
  });
});

describe('rating form', () => {
  it('offers the five levels, asks for reasons when not satisfied, and confirms before saving', () => {
    const onSubmit = jest.fn((_rating: string, _reasons: string[], _comment: string) => Promise.resolve(true));
    render(<RatingForm onSubmit={onSubmit} />);
    const levels = screen.getAllByRole('radio').map((r) => r.textContent?.replace(/^[○●] /, ''));
    expect(levels).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);

    fireEvent.click(screen.getByTestId('rate-very_unsatisfied'));
    expect(screen.getByTestId('rate-very_unsatisfied').getAttribute('aria-label')).toBe('已选：非常不满意');
    fireEvent.click(screen.getByTestId('rating-next'));
    expect(screen.getByTestId('rating-error').textContent).toBe('请至少选一个不满意的原因');
    fireEvent.click(screen.getByTestId('reason-reply_unclear'));
    fireEvent.click(screen.getByTestId('reason-too_slow'));
    fireEvent.change(screen.getByTestId('rating-comment'), { target: { value: '打了三次电话才有人接' } });
    fireEvent.click(screen.getByTestId('rating-next'));
    expect(screen.getByTestId('rating-summary').textContent).toBe('非常不满意，原因：答复看不懂、办理太慢');
    expect(screen.getByTestId('rating-confirm').textContent).toContain('您写的：打了三次电话才有人接');
    expect(onSubmit).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('rating-back')); // change of mind: content after all, the reasons go
    fireEvent.click(screen.getByTestId('rate-basically_satisfied'));
    expect(screen.queryByTestId('reason-too_slow')).toBeNull();
    fireEvent.click(screen.getByTestId('rating-next'));
    expect(screen.getByTestId('rating-summary').textContent).toBe('基本满意');
    fireEvent.click(screen.getByTestId('rating-save'));
    expect(onSubmit).toHaveBeenCalledWith('basically_satisfied', [], '');
  });

  it('asks for a level before going on', () => {
    render(<RatingForm onSubmit={jest.fn(() => Promise.resolve(true))} />);
    fireEvent.click(screen.getByTestId('rating-next'));
    expect(screen.getByTestId('rating-error').textContent).toBe('请先选择一个评价');
  });
});
