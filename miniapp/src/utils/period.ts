/**
 * The period a disclosure covers, as the API spells it (`2026`, `2026-Q3`, `2026-10`, `2026-10-08`)
 * and as people read it (2026年度, 2026年第三季度, 2026年10月, 2026年10月8日).
 */
export type PeriodForm = 'month' | 'quarter' | 'year' | 'date';

export const PERIOD_FORMS: Record<PeriodForm, string> = {
  month: '按月',
  quarter: '按季度',
  year: '按年度',
  date: '某一天',
};

const QUARTERS = ['一', '二', '三', '四'];

/** A period in plain words; anything unrecognised is shown as given. */
export function periodText(period: string): string {
  let m = /^(\d{4})$/.exec(period);
  if (m) return `${m[1]}年度`;
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return `${m[1]}年第${QUARTERS[Number(m[2]) - 1]}季度`;
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return period;
}

/** What the period picker holds: a form and its parts, as typed. */
export interface PeriodParts {
  form: PeriodForm;
  year: string;
  /** 1–12 as text, for the month form. */
  month: string;
  /** 1–4 as text, for the quarter form. */
  quarter: string;
  /** `YYYY-MM-DD`, for the date form. */
  date: string;
}

/** The parts of a period, for editing; `today` (`YYYY-MM-DD`, China time) fills what the period lacks. */
export function periodParts(period: string, today: string): PeriodParts {
  const year = today.slice(0, 4);
  const base: PeriodParts = {
    form: 'month',
    year,
    month: String(Number(today.slice(5, 7))),
    quarter: String(Math.ceil(Number(today.slice(5, 7)) / 3)),
    date: today,
  };
  let m = /^(\d{4})$/.exec(period);
  if (m) return { ...base, form: 'year', year: m[1]! };
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return { ...base, form: 'quarter', year: m[1]!, quarter: m[2]! };
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return { ...base, form: 'month', year: m[1]!, month: String(Number(m[2])) };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (m) return { ...base, form: 'date', year: m[1]!, date: period };
  return base;
}

/** The period the parts stand for, as the API spells it; the server checks the result. */
export function periodOf(parts: PeriodParts): string {
  switch (parts.form) {
    case 'year':
      return parts.year;
    case 'quarter':
      return `${parts.year}-Q${parts.quarter}`;
    case 'month':
      return `${parts.year}-${parts.month.padStart(2, '0')}`;
    case 'date': {
      // 2026/10/8, 2026.10.8 and 2026年10月8日 all mean 2026-10-08.
      const m = /^(\d{4})\D(\d{1,2})\D(\d{1,2})\D?$/.exec(parts.date.trim());
      return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : parts.date.trim();
    }
  }
}
