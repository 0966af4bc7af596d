/** `@tarojs/components` as plain DOM elements, with Taro's `e.detail.value` input events. */
import type { CSSProperties, ReactNode } from 'react';

type Common = {
  className?: string;
  style?: CSSProperties | string;
  children?: ReactNode;
  onClick?: () => void;
  'data-testid'?: string;
  id?: string;
  /** The mini program's accessibility props, rendered as the DOM's `role` and `aria-label`. */
  ariaRole?: string;
  ariaLabel?: string;
};

const a11y = ({ id, ariaRole, ariaLabel }: Common) => ({ id, role: ariaRole, 'aria-label': ariaLabel });

const style = (s: Common['style']) => (typeof s === 'object' ? s : undefined);

export function View({ className, style: s, children, onClick, ...rest }: Common) {
  return (
    <div className={className} style={style(s)} onClick={onClick} data-testid={rest['data-testid']} {...a11y(rest)}>
      {children}
    </div>
  );
}

export function Text({ className, style: s, children, onClick, ...rest }: Common) {
  return (
    <span className={className} style={style(s)} onClick={onClick} data-testid={rest['data-testid']} {...a11y(rest)}>
      {children}
    </span>
  );
}

type InputProps = Common & {
  value?: string;
  type?: string;
  placeholder?: string;
  maxlength?: number;
  password?: boolean;
  onInput?: (e: { detail: { value: string } }) => void;
};

export function Input({ className, value, placeholder, maxlength, password, onInput, ...rest }: InputProps) {
  return (
    <input
      className={className}
      type={password ? 'password' : 'text'}
      value={value}
      placeholder={placeholder}
      maxLength={maxlength}
      data-testid={rest['data-testid']}
      {...a11y(rest)}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  );
}

export function Textarea({ className, value, placeholder, maxlength, onInput, ...rest }: InputProps) {
  return (
    <textarea
      className={className}
      value={value}
      placeholder={placeholder}
      maxLength={maxlength}
      data-testid={rest['data-testid']}
      {...a11y(rest)}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  );
}

type ImageProps = Common & { src: string; mode?: string; lazyLoad?: boolean; ariaLabel?: string };

/** An `<img>`: a test reads which file a thumbnail asks for from `src`. */
export function Image({ className, src, ariaLabel, ...rest }: ImageProps) {
  return <img className={className} src={src} alt={ariaLabel ?? ''} data-testid={rest['data-testid']} />;
}

/** The mini program's drawing surface: nothing to draw on in jsdom. */
export function Canvas({ className, ...rest }: Common & { type?: string }) {
  return <canvas className={className} {...a11y(rest)} />;
}

/** The mini program's page settings (root font size): nothing to render in jsdom. */
export function PageMeta(_props: { rootFontSize?: string }) {
  return null;
}

type ButtonProps = Common & {
  openType?: string;
  disabled?: boolean;
  onGetPhoneNumber?: (e: { detail: PhoneButtonAnswer }) => void;
};

/** What WeChat hands a `getPhoneNumber` button on a tap: a one-time code, or an error. */
export interface PhoneButtonAnswer {
  errMsg: string;
  code?: string;
  errno?: number;
}
let phoneButtonAnswer: PhoneButtonAnswer = { errMsg: 'getPhoneNumber:ok', code: 'wx-phone-code' };
export function setPhoneButtonAnswer(answer: PhoneButtonAnswer): void {
  phoneButtonAnswer = answer;
}

/** A `<button>`; one with `openType='getPhoneNumber'` answers a click as WeChat would, with `setPhoneButtonAnswer`'s detail. */
export function Button({ className, children, onClick, openType, disabled, onGetPhoneNumber, ...rest }: ButtonProps) {
  const click = () => {
    onClick?.();
    if (openType === 'getPhoneNumber') onGetPhoneNumber?.({ detail: phoneButtonAnswer });
  };
  return (
    <button
      className={className}
      disabled={disabled}
      data-open-type={openType}
      data-testid={rest['data-testid']}
      onClick={click}
      {...a11y(rest)}
    >
      {children}
    </button>
  );
}
