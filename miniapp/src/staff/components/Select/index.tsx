import { Text, View } from '@tarojs/components';
import { createElement, useState } from 'react';
import './index.scss';

export interface SelectOption {
  value: string;
  label: string;
}

interface Props {
  options: SelectOption[];
  /** The chosen option's value; '' when none is chosen. */
  value: string;
  /** Shown while nothing is chosen; offered as an option when `allowEmpty`. */
  placeholder: string;
  /** '' may be chosen again (a filter's 全部); otherwise the placeholder only prompts. */
  allowEmpty?: boolean;
  onChange: (value: string) => void;
  testId: string;
}

/**
 * A choice from a list. H5 (PCs): a native `<select>` carrying `data-testid`, so a browser test
 * calls `selectOption(value)` on it. The mini program: a folding list of `View`s (no `Picker`, whose
 * template would land in the main package); each option carries `<testId>-option-<value>`.
 */
export default function Select({ options, value, placeholder, allowEmpty, onChange, testId }: Props) {
  const [open, setOpen] = useState(false);
  const chosen = options.find((o) => o.value === value);

  if (process.env.TARO_ENV === 'h5') {
    // A DOM element by name: Taro's H5 renders with react-dom, and the mini program never reaches here.
    return createElement(
      'select',
      {
        className: 's-select',
        'data-testid': testId,
        value,
        onChange: (e: { target: { value: string } }) => onChange(e.target.value),
      },
      createElement('option', { value: '', disabled: !allowEmpty }, placeholder),
      ...options.map((o) => createElement('option', { key: o.value, value: o.value }, o.label)),
    );
  }

  const pick = (v: string) => {
    setOpen(false);
    onChange(v);
  };
  return (
    <View className='s-select-list'>
      <View className='s-box s-select-list__current' data-testid={testId} onClick={() => setOpen((o) => !o)}>
        <Text className={chosen ? '' : 's-muted'}>{chosen ? chosen.label : placeholder}</Text>
        <Text className='s-select-list__arrow'>{open ? '▴' : '▾'}</Text>
      </View>
      {open && (
        <View className='s-select-list__options'>
          {allowEmpty && (
            <Text className='s-select-list__option' data-testid={`${testId}-option-`} onClick={() => pick('')}>
              {placeholder}
            </Text>
          )}
          {options.map((o) => (
            <Text
              key={o.value}
              className={`s-select-list__option${o.value === value ? ' s-select-list__option--on' : ''}`}
              data-testid={`${testId}-option-${o.value}`}
              onClick={() => pick(o.value)}
            >
              {o.label}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
