import { Text, View } from '@tarojs/components';
import { IS_H5, alertProps, choiceProps } from './a11y';
import type { FieldTone } from './index';

export interface ChoiceOption<T extends string> {
  value: T;
  title: string;
  /** A line of explanation under the title. */
  line?: string;
}

interface Props<T extends string> {
  /** The group's id: `focusField(id)` focuses it when nothing is chosen yet. */
  id: string;
  label: string;
  options: ChoiceOption<T>[];
  /** One value (radio buttons) or, with `multiple`, a list (check boxes). */
  value: T | null | T[];
  onChange: (value: T) => void;
  multiple?: boolean;
  error?: string | null;
  /** `cards`: one option a row with its explanation; `chips`: a wrapping grid of short options. */
  layout?: 'cards' | 'chips' | 'wide';
  tone?: FieldTone;
  /** Each option carries `data-testid` `<testIdPrefix>-<value>`; the error `errorTestId`. */
  testIdPrefix?: string;
  errorTestId?: string;
  /** Hides the group's label from view (the page shows it as a heading) but keeps it for screen readers. */
  labelHidden?: boolean;
}

/**
 * A radio or check-box group whose options are real controls to assistive technology: each states
 * its role and whether it is checked, and Space or Enter choose it on H5.
 */
export function ChoiceGroup<T extends string>(props: Props<T>) {
  const { id, label, options, value, onChange, multiple, error, layout = 'chips', tone = 'villager', testIdPrefix } = props;
  const isOn = (v: T) => (Array.isArray(value) ? value.includes(v) : value === v);
  const role = multiple ? 'checkbox' : 'radio';
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;
  const staff = tone === 'staff';
  const groupA11y = IS_H5
    ? {
        id,
        role: multiple ? 'group' : 'radiogroup',
        'aria-labelledby': labelId,
        'aria-describedby': error ? errorId : undefined,
        'aria-invalid': !multiple && error ? 'true' : undefined,
        tabindex: -1,
      }
    : { id, ariaLabel: error ? `${label}，${error}` : label };
  const keyChoose = (v: T) => (e: { key?: string; preventDefault?: () => void }) => {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault?.();
    onChange(v);
  };
  return (
    <View className={`choice-group choice-group--${layout}${staff ? ' choice-group--staff' : ''}`}>
      <View className={props.labelHidden ? 'field__sr-only' : staff ? 's-label' : 'field__label'} id={labelId}>
        {label}
      </View>
      <View className={staff ? 's-chips' : 'choice-group__options'} {...groupA11y}>
        {options.map((o) => {
          const on = isOn(o.value);
          const optionClass = staff ? `s-chip${on ? ' s-chip--on' : ''}` : `choice-group__option${on ? ' choice-group__option--on' : ''}`;
          return (
            <View
              key={o.value}
              className={optionClass}
              data-testid={testIdPrefix ? `${testIdPrefix}-${o.value}` : undefined}
              onClick={() => onChange(o.value)}
              {...choiceProps(role, o.title, on)}
              {...(IS_H5 ? { onKeyDown: keyChoose(o.value) } : {})}
            >
              <Text className='choice-group__title'>
                {staff ? '' : multiple ? (on ? '☑ ' : '☐ ') : on ? '● ' : '○ '}
                {o.title}
              </Text>
              {o.line && <Text className='choice-group__line'>{o.line}</Text>}
            </View>
          );
        })}
      </View>
      {error && (
        <View className={staff ? 's-error' : 'field-error'} data-testid={props.errorTestId} {...alertProps(errorId)}>
          {error}
        </View>
      )}
    </View>
  );
}
