// ESLint for the whole repository: `npm run lint` (eslint .) from the root.
// TypeScript is linted with type information: typescript-eslint's project service finds each file's
// nearest tsconfig.json (server/, miniapp/, test/), shared/ goes through its spec tsconfig (below).
// Plain JavaScript (tool configs, scripts) is linted without type information.
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default defineConfig(
  globalIgnores(['**/node_modules/', '**/dist/', '**/dist-check/', '**/coverage/', '**/.swc/', 'data/', 'test/artifacts/']),

  {
    // A disable comment that no longer hides anything is an error, so none outlives its reason.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,

  // Every eslint-disable names its rule and says why, on the same line: `-- reason`.
  comments.recommended,
  {
    rules: {
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }],
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
    },
  },

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // The issue names these; recommendedTypeChecked has them already, stated here so that no change of
      // preset turns them off unnoticed.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A leading `_` is the codebase's mark for a parameter that must be there but is not used
      // (`(_options) => …` in mocks, `(_, name) =>` in replace callbacks).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },

  // shared/tsconfig.json builds the package and leaves the specs out; tsconfig.spec.json covers all of
  // shared/src, specs included.
  {
    files: ['shared/src/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./shared/tsconfig.spec.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },

  // The mini program: React hooks, with the React Compiler's checks that come with the plugin's preset.
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Tool configs and scripts run on Node.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // miniapp/ is a CommonJS package (Taro's babel config is `module.exports = …`).
    files: ['**/*.cjs', 'miniapp/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
