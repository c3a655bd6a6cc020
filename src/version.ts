/** Kept equal to package.json's version (checked by test/cli.test.ts). */
export const VERSION = '0.1.0';
