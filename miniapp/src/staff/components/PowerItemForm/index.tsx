import { Input, Text, Textarea, View } from '@tarojs/components';
import { POWER_CATEGORIES, type PowerCategory } from '@mashang/shared';
import { useMemo } from 'react';
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
  const error = (field: ContentField) => {
    const message = refused[field] ?? problems[field];
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
          <Text className='s-label'>事项名称</Text>
          <View className='s-box'>
            <Input
              className='s-input'
              data-testid='field-title'
              value={draft.title}
              maxlength={100}
              disabled={readOnly}
              onInput={(e) => set('title')(e.detail.value)}
            />
          </View>
          {error('title')}
          <Text className='s-label'>依据（法律、政策文件）</Text>
          <View className='s-box s-box--area'>
            <Textarea
              className='s-textarea power-form__short'
              data-testid='field-basis'
              value={draft.basis}
              maxlength={2000}
              disabled={readOnly}
              onInput={(e) => set('basis')(e.detail.value)}
            />
          </View>
          {error('basis')}
          <Text className='s-label'>责任主体</Text>
          <View className='s-box'>
            <Input
              className='s-input'
              data-testid='field-responsible'
              value={draft.responsible}
              maxlength={100}
              disabled={readOnly}
              onInput={(e) => set('responsible')(e.detail.value)}
            />
          </View>
          {error('responsible')}
          <Text className='s-label'>必须公开的内容（每行一条）</Text>
          <View className='s-box s-box--area'>
            <Textarea
              className='s-textarea power-form__short'
              data-testid='field-publicity'
              value={draft.publicity}
              maxlength={4000}
              disabled={readOnly}
              onInput={(e) => set('publicity')(e.detail.value)}
            />
          </View>
          {error('publicity')}
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
