// One place for how Jest compiles the project's TypeScript, shared by every package's jest.config.

/**
 * SWC options: decorator metadata for Nest's dependency injection, and React's automatic JSX runtime.
 * @swc/jest picks the module format per file: ES modules where Jest loads the file as one, CommonJS where
 * it is `require`d.
 */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true, decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
    target: 'es2022',
  },
  sourceMaps: 'inline',
};

/**
 * The Jest settings every package shares. `esm` runs the files as ES modules (run Jest with
 * `node --experimental-vm-modules`); otherwise they are compiled to CommonJS.
 */
export function preset({ esm }) {
  return {
    transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcOptions] },
    ...(esm ? { extensionsToTreatAsEsm: ['.ts', '.tsx'] } : {}),
    // Sources import their siblings as `./file.js` (Node's ESM rule); Jest finds the `.ts` file.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testEnvironment: 'node',
    // Tests import `describe`, `it`, `expect` from '@jest/globals' rather than relying on globals.
    injectGlobals: false,
  };
}
