import type { PropsWithChildren } from 'react';
import { villageCodeFromLaunch } from '@mashang/shared/labels';
import { activateButtonsByKeyboard } from './components/Field/a11y';
import { handOverFirstScreen } from './utils/first-screen';
import './app.scss';

/**
 * H5: the poster's link `/v/<code>` is served by the server as this app's index.html. Before Taro's
 * router starts (it is created after this module runs), rewrite that path to the village page's
 * own route, keeping the code as a query parameter; `replaceState` leaves no extra history entry.
 */
if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
  const { pathname } = window.location;
  if (pathname.startsWith('/v/')) {
    const code = villageCodeFromLaunch({ pathname });
    window.history.replaceState(null, '', code ? `/pages/village/index?code=${code}` : '/pages/village/index');
  }
  handOverFirstScreen();
  activateButtonsByKeyboard();
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
