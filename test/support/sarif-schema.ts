import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS (module.exports = the class); its types describe an ES default export.
type AjvDraft04 = (typeof import('ajv-draft-04'))['default'];
const AjvDraft04 = require('ajv-draft-04') as AjvDraft04;

let validate: ValidateFunction | undefined;

/** The SARIF 2.1.0 schema (draft-04) shipped with @microsoft/jest-sarif, compiled once. */
export function sarifValidator(): ValidateFunction {
  if (!validate) {
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
    validate = new AjvDraft04({ strict: false, unicodeRegExp: false, validateFormats: false, allErrors: true }).compile(schema);
  }
  return validate;
}
