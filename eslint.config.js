import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const engineRestrictions = {
  'no-restricted-globals': [
    'error',
    { name: 'Date', message: 'The simulator takes time as an input; it never reads the clock.' },
    { name: 'setTimeout', message: 'The simulator has no timers; the harness owns time.' },
    { name: 'setInterval', message: 'The simulator has no timers; the harness owns time.' },
    { name: 'performance', message: 'The simulator never reads the clock.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use a seeded random stream.' },
  ],
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http'],
          message: 'The simulator does no I/O.',
        },
        {
          group: ['**/harness/**', '**/reference-hub/**', '**/reports/**'],
          message: 'The simulator imports nothing outside itself.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bin/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'Focused tests are not committed.',
        },
      ],
    },
  },
  { files: ['simulator/**/*.ts'], ignores: ['simulator/**/*.test.ts'], rules: engineRestrictions },
  // Examples for hub teams are plain JavaScript, outside the TypeScript project.
  { files: ['examples/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
