import { Input, Text, Textarea, View } from '@tarojs/components';
import { stepNumbers } from '@mashang/shared';
import Select from '../Select';
import {
  addBranch,
  addStep,
  type ChartDraft,
  chartOf,
  moveStep,
  problemsOf,
  removeBranch,
  removeStep,
  updateBranch,
  updateStep,
} from './chart-draft';
import './index.scss';

interface Props {
  draft: ChartDraft;
  onChange: (draft: ChartDraft) => void;
  /** What the server refused, by row (`step:<id>`, `branch:<key>`), shown until the row is next checked. */
  refused?: Record<string, string>;
  readOnly?: boolean;
}

function Problems({ messages, testId }: { messages: string[] | undefined; testId: string }) {
  if (!messages?.length) return null;
  return (
    <View className='chart-editor__problems' data-testid={testId}>
      {messages.map((m, i) => (
        <Text key={i} className='s-error'>
          {m}
        </Text>
      ))}
    </View>
  );
}

/**
 * A process chart as a township or county clerk edits it on a PC: the steps as a list (name, who
 * does it, risk points, whether the process ends there), and the ways between them as rows
 * "from step → to step, on condition". Checked as it is typed by the same rules the server applies.
 */
export default function ChartEditor({ draft, onChange, refused = {}, readOnly = false }: Props) {
  const problems = problemsOf(draft);
  const numbers = stepNumbers(chartOf(draft));
  const options = draft.steps.map((s, i) => ({ value: s.id, label: `第${i + 1}行：${s.label.trim() || '（未填写名称）'}` }));
  const stepProblems = (id: string) => [...(problems.steps[id] ?? []), ...(refused[`step:${id}`] ? [refused[`step:${id}`]!] : [])];
  const branchProblems = (key: string) => [
    ...(problems.branches[key] ?? []),
    ...(refused[`branch:${key}`] ? [refused[`branch:${key}`]!] : []),
  ];

  return (
    <View className='chart-editor' data-testid='chart-editor'>
      {problems.count > 0 ? (
        <View className='chart-editor__summary' data-testid='chart-problems'>
          <Text className='s-error'>流程图还有{problems.count}处要改，改好才能保存：</Text>
          {problems.general.map((m, i) => (
            <Text key={i} className='s-error' data-testid='chart-problem-general'>
              {m}
            </Text>
          ))}
        </View>
      ) : (
        <Text className='s-ok' data-testid='chart-ok'>
          流程图检查通过：只有一个开始，每一步都走得到，分支都写了条件，结束步骤都已标明。
        </Text>
      )}

      <Text className='s-h2'>步骤</Text>
      <Text className='s-muted'>第一行是流程的开始。流程走到哪一步就结束的，勾选“结束步骤”。廉政风险点每行写一条。</Text>
      {draft.steps.map((step, i) => {
        const mine = stepProblems(step.id);
        return (
          <View key={step.id} className={`chart-editor__step${mine.length ? ' chart-editor__row--bad' : ''}`} data-testid={`step-row-${i}`}>
            <View className='chart-editor__step-head'>
              <Text className='chart-editor__place'>
                第{i + 1}行{i === 0 ? '（开始）' : ''}
                {numbers.has(step.id) ? ` · 图中第${numbers.get(step.id)}步` : ''}
              </Text>
              {!readOnly && (
                <View className='chart-editor__tools'>
                  {i > 0 && (
                    <Text
                      className='s-btn chart-editor__tool'
                      data-testid={`step-up-${i}`}
                      onClick={() => onChange(moveStep(draft, step.id, -1))}
                    >
                      上移
                    </Text>
                  )}
                  {i < draft.steps.length - 1 && (
                    <Text
                      className='s-btn chart-editor__tool'
                      data-testid={`step-down-${i}`}
                      onClick={() => onChange(moveStep(draft, step.id, 1))}
                    >
                      下移
                    </Text>
                  )}
                  <Text
                    className='s-btn chart-editor__tool'
                    data-testid={`step-remove-${i}`}
                    onClick={() => onChange(removeStep(draft, step.id))}
                  >
                    删除
                  </Text>
                </View>
              )}
            </View>
            <View className='chart-editor__fields'>
              <View className='chart-editor__field'>
                <Text className='s-label'>步骤名称</Text>
                <View className='s-box'>
                  <Input
                    className='s-input'
                    data-testid={`step-label-${i}`}
                    value={step.label}
                    maxlength={30}
                    disabled={readOnly}
                    placeholder='如：村两委会议商议'
                    onInput={(e) => onChange(updateStep(draft, step.id, { label: e.detail.value }))}
                  />
                </View>
              </View>
              <View className='chart-editor__field'>
                <Text className='s-label'>办理人（可不填）</Text>
                <View className='s-box'>
                  <Input
                    className='s-input'
                    data-testid={`step-actor-${i}`}
                    value={step.actor}
                    maxlength={40}
                    disabled={readOnly}
                    placeholder='如：村“两委”班子'
                    onInput={(e) => onChange(updateStep(draft, step.id, { actor: e.detail.value }))}
                  />
                </View>
              </View>
            </View>
            <Text className='s-label'>廉政风险点（每行一条，没有就不填）</Text>
            <View className='s-box s-box--area'>
              <Textarea
                className='chart-editor__risks'
                data-testid={`step-risks-${i}`}
                value={step.risks}
                maxlength={1100}
                disabled={readOnly}
                onInput={(e) => onChange(updateStep(draft, step.id, { risks: e.detail.value }))}
              />
            </View>
            <Text
              className={`chart-editor__check${step.end ? ' chart-editor__check--on' : ''}`}
              data-testid={`step-end-${i}`}
              onClick={() => !readOnly && onChange(updateStep(draft, step.id, { end: !step.end }))}
            >
              {step.end ? '☑' : '☐'} 结束步骤（流程到这一步就办完了）
            </Text>
            <Problems messages={mine} testId={`step-problems-${i}`} />
          </View>
        );
      })}
      {!readOnly && (
        <Text className='s-btn' data-testid='add-step' onClick={() => onChange(addStep(draft))}>
          ＋ 添加步骤
        </Text>
      )}

      <Text className='s-h2 chart-editor__section'>去向</Text>
      <Text className='s-muted'>
        每一行是一个箭头：从哪一步，到哪一步。一步有两个以上去向的，每个去向都要写条件，如“审核通过”“审核不通过”。
      </Text>
      {draft.branches.map((branch, i) => {
        const mine = branchProblems(branch.key);
        return (
          <View
            key={branch.key}
            className={`chart-editor__branch${mine.length ? ' chart-editor__row--bad' : ''}`}
            data-testid={`branch-row-${i}`}
          >
            <View className='chart-editor__branch-fields'>
              <View className='chart-editor__pick'>
                <Select
                  options={options}
                  value={branch.from}
                  placeholder='从哪一步'
                  testId={`branch-from-${i}`}
                  onChange={(from) => !readOnly && onChange(updateBranch(draft, branch.key, { from }))}
                />
              </View>
              <Text className='chart-editor__arrow'>→</Text>
              <View className='chart-editor__pick'>
                <Select
                  options={options}
                  value={branch.to}
                  placeholder='到哪一步'
                  testId={`branch-to-${i}`}
                  onChange={(to) => !readOnly && onChange(updateBranch(draft, branch.key, { to }))}
                />
              </View>
              <View className='s-box chart-editor__condition'>
                <Input
                  className='s-input'
                  data-testid={`branch-label-${i}`}
                  value={branch.label}
                  maxlength={20}
                  disabled={readOnly}
                  placeholder='条件（只有一个去向时可不填）'
                  onInput={(e) => onChange(updateBranch(draft, branch.key, { label: e.detail.value }))}
                />
              </View>
              {!readOnly && (
                <Text
                  className='s-btn chart-editor__tool'
                  data-testid={`branch-remove-${i}`}
                  onClick={() => onChange(removeBranch(draft, branch.key))}
                >
                  删除
                </Text>
              )}
            </View>
            <Problems messages={mine} testId={`branch-problems-${i}`} />
          </View>
        );
      })}
      {!readOnly && (
        <Text className='s-btn' data-testid='add-branch' onClick={() => onChange(addBranch(draft))}>
          ＋ 添加去向
        </Text>
      )}
    </View>
  );
}
