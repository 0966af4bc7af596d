import { Text, View } from '@tarojs/components';
import { CalendarScheduleSchema, contract, type CalendarStatus } from '@mashang/shared';
import { useState } from 'react';
import StatusView from '../../../components/StatusView';
import Field from '../../../components/Field';
import { call } from '../../../services/api';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { fieldProblems } from '../../problem';
import { parseDates } from './dates';
import '../../staff.scss';
import './index.scss';

const SOURCES: Record<CalendarStatus['years'][number]['source'], string> = {
  package: '内置数据',
  admin: '管理员录入',
  missing: '未录入',
};

type Field = 'year' | 'holidays' | 'workdays';

/** `params.year`, `body.holidays.3`, `holidays`… → the form field it names; null for the form as a whole. */
function fieldOf(path: string): Field | null {
  const parts = path.replace(/^(params|body)\./, '').split('.');
  return parts[0] === 'year' || parts[0] === 'holidays' || parts[0] === 'workdays' ? parts[0] : null;
}

/** The official holiday calendar: which years are known, a red warning for a missing one, and a form to enter a year. */
export default function AdminCalendarPage() {
  const account = useAccount();
  const allowed = account?.role === 'admin';
  const loaded = useStaffApi(() => (allowed ? call(contract.admin.calendar) : null), [allowed]);
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  const [year, setYear] = useState('');
  const [holidays, setHolidays] = useState('');
  const [workdays, setWorkdays] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field | '', string>>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  // Each new answer from the server is copied into the state the page edits, during render (React's
  // "adjusting some state when a prop changes") rather than in an effect one render later.
  const [answer, setAnswer] = useState<typeof loaded.data>(null);
  if (loaded.data !== answer) {
    setAnswer(loaded.data);
    if (loaded.data) {
      setStatus(loaded.data);
      // Offer the first missing year.
      const missing = loaded.data.years.find((y) => y.source === 'missing');
      if (missing) setYear((y) => y || String(missing.year));
    }
  }

  if (!account) return <View className='staff' />;
  const holidayList = parseDates(holidays);
  const workdayList = parseDates(workdays);

  const submit = async () => {
    if (busy) return;
    setSaved(null);
    if (!/^\d{4}$/.test(year.trim())) {
      setErrors({ year: '请填写四位数的年份，例如 2027' });
      return;
    }
    const body = { holidays: holidayList, workdays: workdayList };
    const checked = CalendarScheduleSchema.safeParse(body);
    if (!checked.success) {
      const found: Partial<Record<Field | '', string>> = {};
      for (const issue of checked.error.issues) {
        const key = fieldOf(issue.path.map(String).join('.')) ?? '';
        const index = issue.path[1];
        const which = typeof index === 'number' ? `“${(key === 'holidays' ? holidayList : workdayList)[index]}”：` : '';
        found[key] ??= `${which}${issue.message}`;
      }
      setErrors(found);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      setStatus(await call(contract.admin.setCalendarYear, { params: { year: Number(year.trim()) }, body: checked.data }));
      setSaved(`${year.trim()}年的节假日安排已保存：放假 ${holidayList.length} 天，调休上班 ${workdayList.length} 天。`);
      setHolidays('');
      setWorkdays('');
    } catch (e) {
      if (!handledAuthError(e)) setErrors(fieldProblems(e, fieldOf));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff calendar'>
      <StaffBar account={account} current='admin-calendar' />
      <Text className='s-h1'>节假日安排</Text>
      {!allowed && <Text className='s-text'>这一页只对系统管理员开放。</Text>}
      {allowed && !status && <StatusView loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />}
      {allowed &&
        status?.warnings.map((w) => (
          <View key={w} className='s-warning' data-testid='calendar-warning'>
            <Text className='s-warning__title'>⚠ 节假日安排缺失</Text>
            <Text className='s-text'>{w}</Text>
          </View>
        ))}
      {allowed && status && (
        <View className='s-card' data-testid='calendar-years'>
          <Text className='s-h2'>各年份</Text>
          {status.years.map((y) => (
            <View key={y.year} className='calendar__year' data-testid='calendar-year-row'>
              <Text className='calendar__year-name'>{y.year}年</Text>
              <Text className={`calendar__source calendar__source--${y.source}`}>{SOURCES[y.source]}</Text>
            </View>
          ))}
          <Text className='s-muted'>
            工作日按国务院办公厅公布的放假安排计算，包括调休上班的周末。没有录入的年份只按周一至周五推算，期限标为“预计”。
          </Text>
        </View>
      )}
      {allowed && status && (
        <View className='s-card' data-testid='calendar-form'>
          <Text className='s-h2'>录入一年的放假安排</Text>
          <Field
            tone='staff'
            id='calendar-form-year'
            label='年份'
            type='number'
            maxlength={4}
            value={year}
            placeholder='2027'
            onInput={setYear}
            className='calendar__year'
            testId='calendar-form-year'
            error={errors.year}
            errorTestId='calendar-error-year'
          />

          <Field
            tone='staff'
            id='calendar-form-holidays'
            label='放假日期（每行一个，或用逗号隔开；连续几天可写成 2027-10-01~2027-10-07）'
            multiline
            controlClass='calendar__dates'
            value={holidays}
            maxlength={4000}
            placeholder={'2027-01-01\n2027-02-06~2027-02-12'}
            onInput={setHolidays}
            testId='calendar-form-holidays'
          />
          <Text className='s-muted'>识别出 {holidayList.length} 个日期</Text>
          {errors.holidays && (
            <Text className='s-error' data-testid='calendar-error-holidays'>
              {errors.holidays}
            </Text>
          )}

          <Field
            tone='staff'
            id='calendar-form-workdays'
            label='调休上班日（放假安排里要上班的周六、周日）'
            multiline
            controlClass='calendar__dates'
            value={workdays}
            maxlength={2000}
            placeholder={'2027-02-14\n2027-09-26'}
            onInput={setWorkdays}
            testId='calendar-form-workdays'
          />
          <Text className='s-muted'>识别出 {workdayList.length} 个日期</Text>
          {errors.workdays && (
            <Text className='s-error' data-testid='calendar-error-workdays'>
              {errors.workdays}
            </Text>
          )}

          {errors[''] && (
            <Text className='s-error' data-testid='calendar-error'>
              {errors['']}
            </Text>
          )}
          {saved && (
            <Text className='s-ok' data-testid='calendar-saved'>
              {saved}
            </Text>
          )}
          <View
            className={`s-btn s-btn--primary s-btn--block${busy ? ' s-btn--disabled' : ''}`}
            data-testid='calendar-submit'
            onClick={() => void submit()}
          >
            {busy ? '正在保存……' : '保存这一年的安排'}
          </View>
          <Text className='s-muted'>同一年再次保存会替换原来录入的安排。保存后，新算出的期限按新的安排计算。</Text>
        </View>
      )}
    </View>
  );
}
