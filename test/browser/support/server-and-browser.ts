import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from '@jest/globals';
import { launchBrowser } from './browser.js';
import { type DatabaseKind, type RunningServer, startServer } from './server.js';

/** What a browser suite works with once its `beforeAll` hooks have run. */
export interface ServerAndBrowser {
  /** The built server with the demo data, on a database of its own. */
  readonly server: RunningServer;
  /** Where the server listens: `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Debian's Chromium; every page a suite opens closes with it. */
  readonly browser: Browser;
}

export interface ServerAndBrowserOptions {
  /** Settings added to the server's environment; a function when they are known only once earlier hooks ran (a stand-in's address). */
  env?: Record<string, string> | (() => Record<string, string>);
  /** Opens the pages the suite keeps for all its tests, once the browser is up. */
  pages?: (browser: Browser) => Promise<void>;
}

/**
 * Registers the suite's hooks: before all its tests, the server on `kind` and a browser (and the suite's
 * pages); after them, the browser closed and the server stopped with its database. Call it in a
 * `describe`, after any `beforeAll` it must follow; read the getters only inside hooks and tests.
 */
export function useServerAndBrowser(kind: DatabaseKind, options: ServerAndBrowserOptions = {}): ServerAndBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(kind, typeof options.env === 'function' ? options.env() : options.env);
    browser = await launchBrowser();
    await options.pages?.(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the server and browser start in beforeAll: read them in a hook or a test');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get url() {
      return started(server).url;
    },
    get browser() {
      return started(browser);
    },
  };
}
