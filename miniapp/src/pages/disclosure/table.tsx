import { Input, Text, View } from '@tarojs/components';
import {
  type DisclosureTable,
  financeSummary,
  formatAmount,
  isTotalLabel,
  lineMonth,
  splitTotals,
  type TableLine,
  totalMismatches,
  type TotalMismatch,
} from '@mashang/shared';
import { useMemo, useState } from 'react';
import { periodText } from '../../utils/period';

/** Past this many lines a table offers a month filter and a search box. */
const LONG_TABLE = 8;

/** 收入 / 支出 / 结余 of a finance disclosure, first thing on the page. */
export function FinanceSummary({ table }: { table: DisclosureTable }) {
  const summary = financeSummary(table);
  if (!summary) return null;
  const boxes = [
    { label: '收入', value: summary.income, tone: 'in' },
    { label: '支出', value: summary.expense, tone: 'out' },
    { label: '结余', value: summary.balance, tone: 'left' },
  ];
  return (
    <View className='finance-summary' data-testid='finance-summary'>
      {boxes.map((b) => (
        <View key={b.label} className={`finance-summary__box finance-summary__box--${b.tone}`} data-testid={`finance-${b.tone}`}>
          <Text className='finance-summary__label'>{b.label}</Text>
          <Text className='finance-summary__value'>{formatAmount(b.value)}</Text>
          <Text className='finance-summary__unit'>元</Text>
        </View>
      ))}
    </View>
  );
}

function Pairs({ columns, cells }: { columns: string[]; cells: string[] }) {
  return (
    <>
      {columns.map((col, c) => (
        <View key={c} className='disclosure__pair'>
          <Text className='disclosure__label'>{col}</Text>
          <Text className='disclosure__value'>{cells[c] || '—'}</Text>
        </View>
      ))}
    </>
  );
}

/** A 合计 line: its label as the heading, then only the figures it adds up. */
function TotalLine({ columns, cells, mismatches }: { columns: string[]; cells: string[]; mismatches: TotalMismatch[] }) {
  const labelAt = cells.findIndex((c) => isTotalLabel(c));
  const figures = columns.map((col, c) => ({ col, value: cells[c] ?? '' })).filter((f, c) => c !== labelAt && f.value);
  return (
    <View className='card disclosure__total' data-testid='disclosure-total'>
      <Text className='disclosure__total-title'>{cells[labelAt] ?? '合计'}</Text>
      {figures.map((f) => (
        <View key={f.col} className='disclosure__pair'>
          <Text className='disclosure__label'>{f.col}</Text>
          <Text className='disclosure__value'>{f.value}</Text>
        </View>
      ))}
      {mismatches.map((m) => (
        <Text key={m.column} className='disclosure__mismatch' data-testid='total-mismatch'>
          注意：{m.column.replace(/（元）$/, '')}明细相加是{formatAmount(m.summed)}元，与合计{formatAmount(m.stated)}
          元不一致。可以点下面的按钮反映。
        </Text>
      ))}
    </View>
  );
}

interface Props {
  table: DisclosureTable;
  /** The earlier version shown, marked on every line; null for the current one. */
  oldVersion: number | null;
  onQuestion: (line: TableLine) => void;
}

/**
 * The lines of a table, each a card with its own 「对此有疑问」; 合计 lines are totals, shown once at
 * the end with no number and no question of their own. A long table filters by month and by words.
 */
export function TableLines({ table, oldVersion, onQuestion }: Props) {
  const { lines, totals } = useMemo(() => splitTotals(table), [table]);
  const mismatches = useMemo(() => totalMismatches(table), [table]);
  const months = useMemo(
    () => [...new Set(lines.map((l) => lineMonth(table.columns, l.cells)).filter((m): m is string => !!m))].sort(),
    [table, lines],
  );
  const [month, setMonth] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const long = lines.length > LONG_TABLE;
  const words = query.trim();
  const shown = lines.filter(
    (l) => (!month || lineMonth(table.columns, l.cells) === month) && (!words || l.cells.some((c) => c.includes(words))),
  );

  return (
    <View>
      <Text className='h2 disclosure__rows-title'>
        {oldVersion ? `第${oldVersion}版的明细` : '明细'}（共{lines.length}条）
      </Text>
      {long && (
        <View className='card table-filter' data-testid='table-filter'>
          {months.length > 1 && (
            <View className='table-filter__months'>
              {[null, ...months].map((m) => (
                <View
                  key={m ?? 'all'}
                  className={`table-filter__month${month === m ? ' table-filter__month--on' : ''}`}
                  data-testid={`month-${m ?? 'all'}`}
                  onClick={() => setMonth(m)}
                  {...(process.env.TARO_ENV === 'h5'
                    ? { role: 'radio', 'aria-checked': String(month === m), tabindex: 0 }
                    : { ariaRole: 'radio', ariaLabel: `${month === m ? '已选' : '未选'}：${m ? periodText(m) : '全部月份'}` })}
                >
                  {m ? periodText(m).replace(/^\d{4}年/, '') : '全部'}
                </View>
              ))}
            </View>
          )}
          <View className='table-filter__search'>
            <Input
              className='table-filter__input'
              data-testid='table-search'
              value={query}
              placeholder='输入名字或事项查找'
              onInput={(e) => setQuery(e.detail.value)}
            />
          </View>
          {(month || words) && (
            <Text className='muted' data-testid='table-filter-count'>
              找到{shown.length}条{shown.length === 0 ? '，请换个词或月份试试' : ''}
            </Text>
          )}
        </View>
      )}
      {shown.map((line) => (
        <View key={line.index} className='card disclosure__row' data-testid='disclosure-row'>
          {/* Scrolled far from the notice, each line of an earlier version still says it is not the current one. */}
          <Text className='disclosure__row-no'>
            第 {lines.indexOf(line) + 1} 条{oldVersion && <Text className='disclosure__row-old'>更正前的第{oldVersion}版</Text>}
          </Text>
          <Pairs columns={table.columns} cells={line.cells} />
          <View className='btn btn--secondary disclosure__ask' data-testid='row-question' onClick={() => onQuestion(line)}>
            对此有疑问
          </View>
        </View>
      ))}
      {totals.map((total) => (
        <TotalLine
          key={total.index}
          columns={table.columns}
          cells={total.cells}
          mismatches={/^\s*(合计|总计)\s*$/.test(total.cells[0] ?? '') ? mismatches : []}
        />
      ))}
    </View>
  );
}
