import { Text, View } from '@tarojs/components';
import type { DisclosureTable } from '@mashang/shared';
import { useState } from 'react';
import './index.scss';

/** Rows shown before 「显示全部」: enough to review, few enough for an old phone. */
const FIRST_ROWS = 30;

/** A disclosure's table to read: a card per row on a phone (column name beside each value), a grid on a PC. */
export default function TableView({ table, testId = 'table-view' }: { table: DisclosureTable; testId?: string }) {
  const [all, setAll] = useState(false);
  const rows = all ? table.rows : table.rows.slice(0, FIRST_ROWS);
  return (
    <View className='t-view' data-testid={testId}>
      <Text className='s-muted'>共 {table.rows.length} 行</Text>
      <View className='t-view__head'>
        <Text className='t-view__no'>行</Text>
        {table.columns.map((c, i) => (
          <Text key={i} className='t-view__cell'>
            {c}
          </Text>
        ))}
      </View>
      {rows.map((row, r) => (
        <View key={r} className='t-view__row' data-testid={`${testId}-row`}>
          <Text className='t-view__no'>第{r + 1}行</Text>
          {row.map((cell, c) => (
            <View key={c} className='t-view__cell'>
              <Text className='t-view__label'>{table.columns[c]}：</Text>
              <Text className='t-view__value'>{cell || '—'}</Text>
            </View>
          ))}
        </View>
      ))}
      {table.rows.length > rows.length && (
        <Text className='s-btn' data-testid={`${testId}-all`} onClick={() => setAll(true)}>
          显示全部 {table.rows.length} 行
        </Text>
      )}
    </View>
  );
}
