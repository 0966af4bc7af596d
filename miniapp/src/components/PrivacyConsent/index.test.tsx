import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ReactNode } from 'react';
import Taro from '../../../test/mocks/taro';
import type * as Consent from './index';

/**
 * WeChat's `agreePrivacyAuthorization` button: a tap answers with the agree event, as the mini program's
 * does. Mocked before the component loads (in `beforeAll`), since SWC does not lift `jest.mock` above imports.
 */
jest.doMock('@tarojs/components', () => {
  const components = jest.requireActual<Record<string, unknown>>('@tarojs/components');
  const { createElement } = jest.requireActual<typeof import('react')>('react');
  interface AgreeButtonProps {
    children?: ReactNode;
    openType?: string;
    onAgreePrivacyAuthorization?: () => void;
    'data-testid'?: string;
    id?: string;
  }
  const Button = ({ children, openType, onAgreePrivacyAuthorization, id, ...rest }: AgreeButtonProps) =>
    createElement(
      'button',
      {
        id,
        'data-open-type': openType,
        'data-testid': rest['data-testid'],
        onClick: () => openType === 'agreePrivacyAuthorization' && onAgreePrivacyAuthorization?.(),
      },
      children,
    );
  return { ...components, Button };
});

type Resolve = (option: { event: string; buttonId?: string }) => void;
/** The listener WeChat was given: the test plays WeChat and calls it when a privacy API is used. */
let listener: ((resolve: Resolve, info: { referrer: string }) => void) | null = null;
const privacyApis = {
  onNeedPrivacyAuthorization: jest.fn((fn: (resolve: Resolve, info: { referrer: string }) => void) => {
    listener = fn;
  }),
  openPrivacyContract: jest.fn((_options?: object) => undefined),
};
Object.assign(Taro, privacyApis);

/** A privacy API (chooseMedia, the phone button) asks WeChat; WeChat asks the listener, with this resolve. */
function wechatAsks(): jest.Mock<Resolve> {
  const resolve = jest.fn<Resolve>();
  act(() => listener!(resolve, { referrer: '' }));
  return resolve;
}

let PrivacyConsent: typeof Consent.default;
let AGREE_BUTTON_ID: typeof Consent.AGREE_BUTTON_ID;
let resetPrivacyListener: typeof Consent.resetPrivacyListener;

describe('PrivacyConsent', () => {
  beforeAll(async () => {
    ({ default: PrivacyConsent, AGREE_BUTTON_ID, resetPrivacyListener } = await import('./index'));
  });
  beforeEach(() => {
    listener = null;
    resetPrivacyListener();
  });
  afterEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  it('tells what the fields are for, with a link to the privacy page, around the fields it wraps', () => {
    render(
      <PrivacyConsent>
        <input data-testid='name' />
      </PrivacyConsent>,
    );
    expect(screen.getByTestId('privacy-notice').textContent).toBe(
      '您的姓名和手机号只给办理的纪委干部看，加密保存，不会告诉被反映的人。隐私说明',
    );
    expect(screen.getByTestId('name')).toBeTruthy();
    fireEvent.click(screen.getByTestId('privacy-link'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' });
    expect(screen.queryByTestId('privacy-sheet')).toBeNull();
  });

  it('shows the sheet when WeChat asks, and agrees with the agree button WeChat checks was tapped', () => {
    render(<PrivacyConsent />);
    expect(privacyApis.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
    const resolve = wechatAsks();
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
    expect(screen.getByTestId('privacy-sheet').textContent).toContain('不同意也可以匿名反映');
    const agree = screen.getByTestId('privacy-agree');
    expect(agree.getAttribute('data-open-type')).toBe('agreePrivacyAuthorization');
    expect(agree.id).toBe(AGREE_BUTTON_ID);
    fireEvent.click(agree);
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    expect(screen.queryByTestId('privacy-sheet')).toBeNull();
  });

  it('declines on 不同意, and opens WeChat’s privacy guide from the sheet', () => {
    render(<PrivacyConsent />);
    const resolve = wechatAsks();
    fireEvent.click(screen.getByTestId('privacy-contract'));
    expect(privacyApis.openPrivacyContract).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId('privacy-disagree'));
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(screen.queryByTestId('privacy-sheet')).toBeNull();
  });

  it('declines the request still open when the page goes away with the sheet showing', () => {
    const page = render(<PrivacyConsent />);
    const resolve = wechatAsks();
    expect(screen.getByTestId('privacy-sheet')).toBeTruthy();
    page.unmount();
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('answers only once: a request already agreed to is not declined when the page goes away', () => {
    const page = render(<PrivacyConsent />);
    const resolve = wechatAsks();
    fireEvent.click(screen.getByTestId('privacy-agree'));
    page.unmount();
    expect(resolve).toHaveBeenCalledTimes(2);
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID });
  });

  it('registers one listener however many pages mount it, and declines when no page shows a sheet', () => {
    const first = render(<PrivacyConsent />);
    const second = render(<PrivacyConsent />);
    expect(privacyApis.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
    second.unmount();
    first.unmount();
    expect(wechatAsks()).toHaveBeenCalledWith({ event: 'disagree' });
  });

  it('in H5 shows the notice only: there is no WeChat authorisation to ask for', () => {
    process.env.TARO_ENV = 'h5';
    render(<PrivacyConsent what='反映人的姓名和手机号' />);
    expect(screen.getByTestId('privacy-notice').textContent).toContain('反映人的姓名和手机号只给办理的纪委干部看');
    expect(privacyApis.onNeedPrivacyAuthorization).not.toHaveBeenCalled();
  });
});
