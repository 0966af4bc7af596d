import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import './index.scss';

/**
 * Taro's `View` and `Text` as the `<div>` and `<span>` they stand for. Taro's web components copy
 * string props to attributes as written, so the pages write `tabindex` (components/Field/a11y):
 * here it becomes React's `tabIndex`. Taro-only props are not passed on to the DOM.
 */
type Common = Omit<HTMLAttributes<HTMLElement>, 'children'> & {
  children?: ReactNode;
  tabindex?: number | string;
  'data-testid'?: string;
};

export type ViewProps = Common & { hoverClass?: string; hoverStartTime?: number; hoverStayTime?: number; catchMove?: boolean };

export const View = forwardRef<HTMLDivElement, ViewProps>(function View(props, ref) {
  const { tabindex, tabIndex, hoverClass: _hoverClass, hoverStartTime: _start, hoverStayTime: _stay, catchMove: _catch, ...rest } = props;
  return <div ref={ref} tabIndex={tabIndex ?? toIndex(tabindex)} {...rest} />;
});

export type TextProps = Common & { selectable?: boolean; userSelect?: boolean; space?: string; decode?: boolean };

/** Unselectable as Taro's Text is, unless `selectable` (a password or secret to copy). */
export const Text = forwardRef<HTMLSpanElement, TextProps>(function Text(props, ref) {
  const { tabindex, tabIndex, selectable, userSelect, space: _space, decode: _decode, className, ...rest } = props;
  const classes = ['taro-text', selectable || userSelect ? 'taro-text--selectable' : '', className ?? ''].filter(Boolean).join(' ');
  return <span ref={ref} className={classes} tabIndex={tabIndex ?? toIndex(tabindex)} {...rest} />;
});

function toIndex(value: number | string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}
