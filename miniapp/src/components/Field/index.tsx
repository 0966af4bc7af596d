import { Input, Text, Textarea, View } from '@tarojs/components';
import { createElement, type ReactNode } from 'react';
import { IS_H5, alertProps, controlProps } from './a11y';
import './index.scss';

export { ChoiceGroup, type ChoiceOption } from './choice-group';
export { focusField } from './a11y';

/** Villager pages use large type; staff pages their compact `s-*` look. */
export type FieldTone = 'villager' | 'staff';

const CLASSES: Record<FieldTone, { label: string; hint: string; box: string; input: string; area: string; error: string }> = {
  villager: {
    label: 'field__label',
    hint: 'field__hint',
    box: 'field__box',
    input: 'field__input',
    area: 'field__textarea',
    error: 'field-error',
  },
  staff: { label: 's-label', hint: 's-muted', box: 's-box', input: 's-input', area: 's-textarea', error: 's-error' },
};

export interface FieldProps {
  /** The control's id: the label points at it, and `focusField(id)` brings it into view. */
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** A text area instead of a one-line input. */
  multiline?: boolean;
  type?: 'text' | 'number' | 'digit' | 'idcard';
  password?: boolean;
  maxlength?: number;
  placeholder?: string;
  /** A line under the label saying what to write. */
  hint?: string;
  error?: string | null;
  /** Adds （可不填） to the label. */
  optional?: boolean;
  /** The page shows the label as a heading already: keep it for screen readers only. */
  labelHidden?: boolean;
  tone?: FieldTone;
  /** `data-testid` of the control and of its error. */
  testId?: string;
  errorTestId?: string;
  disabled?: boolean;
  /** A class added to the input or text area (a shorter text area, say), and one to the whole field. */
  controlClass?: string;
  className?: string;
  /** Mini program: focus the input (H5 focuses through `focusField`). */
  focus?: boolean;
  onConfirm?: () => void;
  children?: ReactNode;
}

/** Label, input or text area, hint and error: one accessible field for every form. */
export default function Field(props: FieldProps) {
  const { id, label, value, onInput, multiline, hint, error, optional, tone = 'villager', testId, errorTestId } = props;
  const cls = CLASSES[tone];
  const labelClass = props.labelHidden ? 'field__sr-only' : cls.label;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const labelText = optional ? `${label}（可不填）` : label;
  const a11y = controlProps({
    id,
    label: labelText,
    describedBy: [hint ? hintId : '', error ? errorId : ''].filter(Boolean),
    error,
    required: !optional,
  });
  const common = {
    className: `${multiline ? cls.area : cls.input}${props.controlClass ? ` ${props.controlClass}` : ''}`,
    disabled: props.disabled,
    'data-testid': testId,
    value,
    maxlength: props.maxlength,
    placeholder: props.placeholder,
    placeholderClass: 'field__placeholder',
    focus: props.focus,
    onInput: (e: { detail: { value: string } }) => onInput(e.detail.value),
    onConfirm: props.onConfirm,
  };
  return (
    <View className={`field field--${tone}${error ? ' field--invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      {IS_H5 ? (
        // A real <label for>: tapping it focuses the input, and a screen reader names the input by it.
        createElement('label', { className: labelClass, htmlFor: id }, labelText)
      ) : (
        <Text className={labelClass}>{labelText}</Text>
      )}
      {hint && (
        <View className={cls.hint} id={hintId}>
          {hint}
        </View>
      )}
      <View className={`${cls.box}${multiline ? ` ${cls.box}--area` : ''}`}>
        {/* H5's inputs are web components around a native <input>/<textarea>: its attributes go through nativeProps. */}
        {multiline ? (
          <Textarea {...common} {...(IS_H5 ? { nativeProps: a11y } : a11y)} />
        ) : (
          <Input {...common} type={props.type} password={props.password} {...(IS_H5 ? { nativeProps: a11y } : a11y)} />
        )}
      </View>
      {props.children}
      {error && (
        <View className={cls.error} data-testid={errorTestId} {...alertProps(errorId)}>
          {error}
        </View>
      )}
    </View>
  );
}
