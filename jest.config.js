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
  // A worker that has grown past 1 GB is replaced before its next test file: the linter's run-wide
  // memory guard (src/resolve/host.ts heapFull) reads the process's heap, and a long-lived worker's
  // heap of earlier test files made it refuse to read files in later ones.
  workerIdleMemoryLimit: '1GB',
};
