import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import ChartEditor from './index';
import { chartOf, type ChartDraft, draftOf, moveStep, rowOfField } from './chart-draft';

// 惠农补贴申报 as a clerk might leave it half done: the last step not yet marked as the end.
const HALF_DONE = draftOf({
  nodes: [
    { id: 'apply', label: '农户申报', risks: [] },
    { id: 'check', label: '村组核实', actor: '村民小组长', risks: ['虚报面积套取补贴'] },
    { id: 'show', label: '村内公示', risks: [] },
  ],
  edges: [
    { from: 'apply', to: 'check' },
    { from: 'check', to: 'show' },
  ],
});

function Editor({ initial, refused }: { initial: ChartDraft; refused?: Record<string, string> }) {
  const [draft, setDraft] = useState(initial);
  return (
    <>
      <ChartEditor draft={draft} onChange={setDraft} refused={refused} />
      <pre data-testid='chart-json'>{JSON.stringify(chartOf(draft))}</pre>
    </>
  );
}

const text = (testId: string) => screen.getByTestId(testId).textContent ?? '';
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('the chart editor', () => {
  it('names what is wrong beside the step it is about, and clears it once fixed', () => {
    render(<Editor initial={HALF_DONE} />);
    expect(text('chart-problems')).toContain('流程图还有1处要改');
    expect(text('step-problems-2')).toBe('「村内公示」之后没有下一步：如果流程到这里结束，请把它标为“结束步骤”；否则请给它加上去向');
    expect(screen.queryByTestId('step-problems-0')).toBeNull();

    fireEvent.click(screen.getByTestId('step-end-2'));
    expect(screen.queryByTestId('chart-problems')).toBeNull();
    expect(screen.queryByTestId('step-problems-2')).toBeNull();
    expect(text('chart-ok')).toContain('检查通过');
    expect(text('step-end-2')).toContain('☑');
  });

  it('asks for a condition on each way out of a step that branches, as the branches are drawn', () => {
    render(<Editor initial={{ ...HALF_DONE, steps: HALF_DONE.steps.map((s) => (s.id === 'show' ? { ...s, end: true } : s)) }} />);
    fireEvent.click(screen.getByTestId('add-step'));
    type('step-label-3', '退回补充材料');
    fireEvent.click(screen.getByTestId('add-branch'));
    // The new branch starts from the last step; make it 村组核实 → 退回补充材料.
    fireEvent.click(screen.getByTestId('branch-from-2'));
    fireEvent.click(screen.getByTestId('branch-from-2-option-check'));
    fireEvent.click(screen.getByTestId('branch-to-2'));
    fireEvent.click(screen.getByTestId('branch-to-2-option-s4'));

    expect(text('branch-problems-1')).toBe('「村组核实」有2条去向，请写明去「村内公示」的条件（如“审核通过”）');
    expect(text('branch-problems-2')).toBe('「村组核实」有2条去向，请写明去「退回补充材料」的条件（如“审核通过”）');
    expect(text('step-problems-3')).toContain('「退回补充材料」之后没有下一步');

    type('branch-label-1', '核实无误');
    type('branch-label-2', '材料不全');
    expect(screen.queryByTestId('branch-problems-1')).toBeNull();
    expect(screen.queryByTestId('branch-problems-2')).toBeNull();

    // Back to the start: a return, which the first step may have.
    fireEvent.click(screen.getByTestId('add-branch'));
    type('branch-label-3', '补充后重新申报');
    fireEvent.click(screen.getByTestId('branch-to-3'));
    fireEvent.click(screen.getByTestId('branch-to-3-option-apply'));
    expect(screen.queryByTestId('chart-problems')).toBeNull();
    expect(JSON.parse(text('chart-json'))).toMatchObject({
      edges: [
        { from: 'apply', to: 'check' },
        { from: 'check', to: 'show', label: '核实无误' },
        { from: 'check', to: 's4', label: '材料不全' },
        { from: 's4', to: 'apply', label: '补充后重新申报' },
      ],
    });
  });

  it('shows which step the chart numbers each row, and takes a step’s arrows away with it', () => {
    render(<Editor initial={{ ...HALF_DONE, steps: HALF_DONE.steps.map((s) => (s.id === 'show' ? { ...s, end: true } : s)) }} />);
    expect(text('step-row-0')).toContain('第1行（开始） · 图中第1步');
    fireEvent.click(screen.getByTestId('step-remove-1'));
    expect(screen.queryByTestId('branch-row-1')).toBeNull();
    // 村内公示 now has no way in: it is named, as is the step with no way forward.
    expect(text('step-problems-0')).toContain('「农户申报」之后没有下一步');
    expect(text('step-problems-1')).toBe(
      '「村内公示」没有箭头指向它：流程只能从第一步「农户申报」开始。请给它接上来的箭头，或把它移到第一步',
    );
  });

  it('shows what the server refused on the row it names', () => {
    render(<Editor initial={HALF_DONE} refused={{ 'step:check': '一条廉政风险点不能超过100个字' }} />);
    expect(text('step-problems-1')).toBe('一条廉政风险点不能超过100个字');
  });
});

describe('chart drafts', () => {
  it('turn risk text into one risk per line and leave out empty conditions and actors', () => {
    const draft = draftOf({ nodes: [{ id: 'a', label: '受理', risks: ['推诿', '吃拿卡要'], end: true }], edges: [] });
    expect(draft.steps[0]!.risks).toBe('推诿\n吃拿卡要');
    const edited = { ...draft, steps: [{ ...draft.steps[0]!, risks: '推诿\n\n 吃拿卡要 \n' }] };
    expect(chartOf(edited)).toEqual({ nodes: [{ id: 'a', label: '受理', risks: ['推诿', '吃拿卡要'], end: true }], edges: [] });
  });

  it('move the start when the first step moves', () => {
    const moved = moveStep(HALF_DONE, 'check', -1);
    expect(moved.steps.map((s) => s.id)).toEqual(['check', 'apply', 'show']);
  });

  it('place a field error of the server on its row', () => {
    expect(rowOfField(HALF_DONE, 'body.chart.nodes.1.risks.0')).toBe('step:check');
    expect(rowOfField(HALF_DONE, 'body.chart.edges.1.label')).toBe('branch:b1');
    expect(rowOfField(HALF_DONE, 'body.title')).toBe('title');
    expect(rowOfField(HALF_DONE, 'body.chart')).toBeNull();
  });
});
