import { Text, View } from '@tarojs/components';
import { POWER_CATEGORIES, type PowerCategory } from '@mashang/shared';
import { useMemo } from 'react';
import Field from '../../../components/Field';
import ProcessChart from '../../../components/ProcessChart';
import ChartEditor from '../ChartEditor';
import { chartOf } from '../ChartEditor/chart-draft';
import Select from '../Select';
import { type ContentDraft, type ContentField, fieldProblemsOf } from './content-draft';
import './index.scss';

/** The chart drawn as a 375 px phone draws it on the village page (375 less the page's and card's padding). */
export const PHONE_CHART_WIDTH = 311;

const CATEGORY_OPTIONS = (Object.entries(POWER_CATEGORIES) as [PowerCategory, string][]).map(([value, label]) => ({ value, label }));

interface Props {
  draft: ContentDraft;
  onChange: (draft: ContentDraft) => void;
  /** Field errors the server answered with, by field name or chart row. */
  refused?: Record<string, string>;
  /** Show the fields' own problems (after a first try to save; the chart's show as it is typed). */
  showFieldProblems: boolean;
  readOnly?: boolean;
}

/**
 * A power item's content, the same for a county template and a village's copy: what it is, its
 * basis, who is responsible, what must be published, and its process chart, previewed beside the
 * form exactly as a villager's phone draws it.
 */
export default function PowerItemForm({ draft, onChange, refused = {}, showFieldProblems, readOnly = false }: Props) {
  const problems = showFieldProblems ? fieldProblemsOf(draft) : {};
  const chart = useMemo(() => chartOf(draft.chart), [draft.chart]);
  const set = (field: ContentField) => (value: string) => !readOnly && onChange({ ...draft, [field]: value });
  const problemOf = (field: ContentField) => refused[field] ?? problems[field];
  /** What each text field shares: its value, its problem and read-only state. */
  const fieldProps = (field: Exclude<ContentField, 'category'>) => ({
    tone: 'staff' as const,
    id: `field-${field}`,
    testId: `field-${field}`,
    value: draft[field],
    onInput: set(field),
    disabled: readOnly,
    error: problemOf(field),
    errorTestId: `problem-${field}`,
  });
  const error = (field: ContentField) => {
    const message = problemOf(field);
    return message ? (
      <Text className='s-error' data-testid={`problem-${field}`}>
        {message}
      </Text>
    ) : null;
  };

  return (
    <View className='power-form'>
      <View className='power-form__edit'>
        <View className='s-card'>
          <Text className='s-label'>类别</Text>
          <Select
            options={CATEGORY_OPTIONS}
            value={draft.category}
            placeholder='请选择类别'
            testId='field-category'
            onChange={set('category')}
          />
          {error('category')}
          <Field {...fieldProps('title')} label='事项名称' maxlength={100} />
          <Field {...fieldProps('basis')} label='依据（法律、政策文件）' multiline controlClass='power-form__short' maxlength={2000} />
          <Field {...fieldProps('responsible')} label='责任主体' maxlength={100} />
          <Field
            {...fieldProps('publicity')}
            label='必须公开的内容（每行一条）'
            multiline
            controlClass='power-form__short'
            maxlength={4000}
          />
        </View>
        <View className='s-card'>
          <Text className='s-h2'>办事流程图</Text>
          <ChartEditor
            draft={draft.chart}
            onChange={(c) => !readOnly && onChange({ ...draft, chart: c })}
            refused={refused}
            readOnly={readOnly}
          />
        </View>
      </View>
      <View className='power-form__preview'>
        <View className='s-card power-form__phone' data-testid='chart-preview'>
          <Text className='s-h2'>村民手机上看到的流程图</Text>
          {chart.nodes.length > 0 ? (
            <ProcessChart nodes={chart.nodes} edges={chart.edges} width={PHONE_CHART_WIDTH} />
          ) : (
            <Text className='s-muted'>添加步骤后，这里显示流程图。</Text>
          )}
        </View>
      </View>
    </View>
  );
}
