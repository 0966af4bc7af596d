import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, jest } from '@jest/globals';
import { useState } from 'react';
import Field, { ChoiceGroup } from './index';

describe('Field (mini program)', () => {
  it('names the input by its label, adds the error to that name and shows the error', () => {
    render(
      <Field id='name' label='姓名' value='' onInput={() => undefined} testId='name-input' error='请填写姓名' errorTestId='error-name' />,
    );
    expect(screen.getByTestId('name-input').getAttribute('aria-label')).toBe('姓名，请填写姓名');
    expect(screen.getByTestId('error-name').textContent).toBe('请填写姓名');
    expect(screen.getByTestId('error-name').getAttribute('role')).toBe('alert');
  });

  it('marks an optional field in its label and passes what is typed on', () => {
    const onInput = jest.fn();
    render(<Field id='when' label='什么时候发生的？' optional value='' onInput={onInput} testId='when' />);
    expect(screen.getByText('什么时候发生的？（可不填）')).toBeTruthy();
    fireEvent.change(screen.getByTestId('when'), { target: { value: '去年秋天' } });
    expect(onInput).toHaveBeenCalledWith('去年秋天');
  });
});

describe('ChoiceGroup (mini program)', () => {
  function Boxes() {
    const [value, setValue] = useState<string[]>([]);
    const toggle = (v: string) => setValue((list) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]));
    return (
      <ChoiceGroup
        id='reasons'
        label='不满意的原因'
        multiple
        options={[
          { value: 'slow', title: '办得太慢' },
          { value: 'unclear', title: '答复没说清楚' },
        ]}
        value={value}
        onChange={toggle}
        testIdPrefix='reason'
      />
    );
  }

  it('states each check box and whether it is checked', () => {
    render(<Boxes />);
    expect(screen.getByTestId('reason-slow').getAttribute('role')).toBe('checkbox');
    expect(screen.getByTestId('reason-slow').getAttribute('aria-label')).toBe('未选：办得太慢');
    fireEvent.click(screen.getByTestId('reason-slow'));
    expect(screen.getByTestId('reason-slow').getAttribute('aria-label')).toBe('已选：办得太慢');
    expect(screen.getByTestId('reason-unclear').getAttribute('aria-label')).toBe('未选：答复没说清楚');
  });
});
