import Taro from '@tarojs/taro';

/**
 * Accessibility props differ by platform. H5 renders Taro's web components, which copy string props
 * to attributes as written (so `tabindex`, not `tabIndex`, and 'true' rather than true: an empty
 * `aria-invalid` means false; View and Text, plain elements on H5 (components/H5Components), take the
 * same props); an input's own attributes go through its `nativeProps`. The mini
 * program's components read `ariaRole` and `ariaLabel` only, so there the label carries what H5
 * states in attributes (the checked state, the error).
 */
export const IS_H5 = process.env.TARO_ENV === 'h5';

export interface ControlA11y {
  id: string;
  label: string;
  describedBy: string[];
  error?: string | null;
  required?: boolean;
}

export function controlProps({ id, label, describedBy, error, required }: ControlA11y): Record<string, unknown> {
  if (IS_H5) {
    return {
      id,
      'aria-describedby': describedBy.length ? describedBy.join(' ') : undefined,
      'aria-invalid': error ? 'true' : undefined,
      'aria-required': required ? 'true' : undefined,
    };
  }
  return { id, ariaLabel: error ? `${label}，${error}` : label };
}

export function choiceProps(role: 'radio' | 'checkbox', label: string, checked: boolean): Record<string, unknown> {
  if (IS_H5) return { role, 'aria-checked': String(checked), tabindex: 0 };
  return { ariaRole: role, ariaLabel: `${checked ? '已选' : '未选'}：${label}` };
}

/** An error that assistive technology reads out as soon as it appears. */
export function alertProps(id: string): Record<string, unknown> {
  return IS_H5 ? { id, role: 'alert' } : { id, ariaRole: 'alert' };
}

/**
 * Brings a field into view and, on H5, moves focus into it (a choice group takes focus itself).
 * The mini program cannot focus by id: it scrolls there, and the page passes `focus` to the input.
 */
export function focusField(id: string): void {
  if (IS_H5) {
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
    return;
  }
  void Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -80, duration: 200 }).catch(() => undefined);
}

/** A tappable `View` that acts as a button; its text is its name. */
export function buttonProps(): Record<string, unknown> {
  return IS_H5 ? { role: 'button', tabindex: 0 } : { ariaRole: 'button' };
}

/**
 * H5: Enter and Space act on a tappable `View` marked as a button, as they would on a real <button>
 * (the mini program has no keyboard). One listener for the whole app, set up before the first page.
 */
export function activateButtonsByKeyboard(): void {
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || target instanceof HTMLButtonElement) return;
    if ((event.key !== 'Enter' && event.key !== ' ') || target.getAttribute('role') !== 'button') return;
    event.preventDefault();
    target.click();
  });
}
