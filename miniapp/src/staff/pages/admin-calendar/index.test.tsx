import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import { COUNTY_ADMIN } from '../../../../test/accounts';
import Taro from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import { parseDates } from './dates';
import AdminCalendarPage from './index';

const admin = COUNTY_ADMIN;
const WARNING =
  '2027年的法定节假日安排尚未录入：跨入2027年的期限只按周一至周五推算，并标为“预计”。国务院办公厅公布放假安排后，请及时录入。';
const missing2027 = {
  years: [
    { year: 2026, source: 'package' },
    { year: 2027, source: 'missing' },
  ],
  warnings: [WARNING],
};

const answer = (body: unknown, statusCode = 200) => ({ statusCode, data: JSON.stringify(body) });

function open() {
  setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account: admin });
  render(<AdminCalendarPage />);
}

describe('parseDates', () => {
  it('reads dates one per line, comma-separated, in Chinese, and as ranges', () => {
    expect(parseDates('2027-01-01\n2027-2-6，2027/02/07、2027年2月8日\n\n')).toEqual([
      '2027-01-01',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ]);
    expect(parseDates('2027-10-01 ~ 2027-10-03, 2027-10-02')).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
    expect(parseDates('2027-13-45 明天')).toEqual(['2027-13-45', '明天']);
  });
});

describe('admin calendar page', () => {
  it('shows the years with their source and the missing year as a warning', async () => {
    Taro.request.mockResolvedValueOnce(answer(missing2027));
    open();
    expect((await screen.findByTestId('calendar-warning')).textContent).toContain(WARNING);
    const rows = screen.getAllByTestId('calendar-year-row').map((r) => r.textContent);
    expect(rows).toEqual(['2026年内置数据', '2027年未录入']);
    // The missing year is offered in the form.
    expect(screen.getByTestId<HTMLInputElement>('calendar-form-year').value).toBe('2027');
  });

  it('sends the dates of the textareas as arrays and shows the year as entered', async () => {
    Taro.request.mockResolvedValueOnce(answer(missing2027)).mockResolvedValueOnce(
      answer({
        years: [
          { year: 2026, source: 'package' },
          { year: 2027, source: 'admin' },
        ],
        warnings: [],
      }),
    );
    open();
    await screen.findByTestId('calendar-warning');
    fireEvent.change(screen.getByTestId('calendar-form-holidays'), { target: { value: '2027-01-01\n2027-02-06~2027-02-08, 2027-10-01' } });
    fireEvent.change(screen.getByTestId('calendar-form-workdays'), { target: { value: '2027-02-14，2027-09-26' } });
    fireEvent.click(screen.getByTestId('calendar-submit'));

    await waitFor(() => expect(screen.queryByTestId('calendar-warning')).toBeNull());
    const sent = Taro.request.mock.calls[1]![0] as { url: string; method: string; data: string };
    expect(sent.method).toBe('PUT');
    expect(sent.url).toBe('https://api.example.test/api/v1/admin/calendar/2027');
    expect(JSON.parse(sent.data)).toEqual({
      holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-10-01'],
      workdays: ['2027-02-14', '2027-09-26'],
    });
    expect(screen.getAllByTestId('calendar-year-row')[1]!.textContent).toBe('2027年管理员录入');
    expect(screen.getByTestId('calendar-saved').textContent).toContain('放假 5 天');
  });

  it('names a date that is not one before sending, and shows the server’s field errors', async () => {
    Taro.request.mockResolvedValueOnce(answer(missing2027)).mockResolvedValueOnce(
      answer(
        {
          code: 'VALIDATION_FAILED',
          message: '填写的内容有误',
          details: [{ field: 'body.workdays', message: '调休上班日应是周六或周日：2027-02-15' }],
        },
        400,
      ),
    );
    open();
    await screen.findByTestId('calendar-warning');
    fireEvent.change(screen.getByTestId('calendar-form-holidays'), { target: { value: '2027-01-01\n2027-02-30x' } });
    fireEvent.click(screen.getByTestId('calendar-submit'));
    expect((await screen.findByTestId('calendar-error-holidays')).textContent).toBe('“2027-02-30x”：日期格式应为 2027-01-01');
    expect(Taro.request).toHaveBeenCalledTimes(1);

    fireEvent.change(screen.getByTestId('calendar-form-holidays'), { target: { value: '2027-01-01' } });
    fireEvent.change(screen.getByTestId('calendar-form-workdays'), { target: { value: '2027-02-15' } });
    fireEvent.click(screen.getByTestId('calendar-submit'));
    expect((await screen.findByTestId('calendar-error-workdays')).textContent).toBe('调休上班日应是周六或周日：2027-02-15');
    expect(screen.queryByTestId('calendar-error-holidays')).toBeNull();
  });
});
