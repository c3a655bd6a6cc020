import { createDefaultEsmPreset } from 'ts-jest';

/**
 * `npm test`: everything under test/ except test/corpus/, which needs the real-world corpus beside
 * the repository (../shared/corpus) and runs with jest.corpus.config.js (`npm run test:corpus`).
 * @type {import('jest').Config}
 */
export default {
  ...createDefaultEsmPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/corpus/'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 120000,
};
