import './client-setup.js';

// The apps' way in: under the H5 CSP (no 'unsafe-eval') and in WeChat, zod must not try eval. Every page
// that loads the schemas loads them through here, so a villager's page that needs none loads no zod.
export * from './index.js';
