import base from './jest.config.js';

/**
 * `npm run test:corpus`: the tests on the real-world corpus (test/corpus/), which read
 * ../shared/corpus (or $PGCONF_LINT_SHARED/corpus) and fail when it is missing. `.ci/run` runs them
 * when ../shared/corpus exists, next to the ecosystem check.
 * @type {import('jest').Config}
 */
export default {
  ...base,
  roots: ['<rootDir>/test/corpus'],
  testPathIgnorePatterns: ['/node_modules/'],
};
