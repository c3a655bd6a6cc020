import type { Rule } from '../src/engine/rule.js';
import duplicateSetting from './duplicate-setting.js';
import hbaInvalidRecord from './hba-invalid-record.js';
import invalidValue from './invalid-value.js';
import missingInclude from './missing-include.js';
import removedSetting from './removed-setting.js';
import syntaxError from './syntax-error.js';
import unknownSetting from './unknown-setting.js';
import unreadableFile from './unreadable-file.js';
import unrenderedTemplate from './unrendered-template.js';
import unusedDirective from './unused-directive.js';
import { CONF_RULES } from './index-conf.js';
import { HBA_RULES } from './index-hba.js';

/** Every rule, in documentation order. A test checks that each file in rules/ is listed here. */
export const RULES: readonly Rule[] = [
  syntaxError,
  // Before invalid-value and hba-invalid-record: a placeholder they reject is one finding, and
  // the one that says "render the template" is the useful one (a tie goes to the earlier rule).
  unrenderedTemplate,
  unknownSetting,
  removedSetting,
  invalidValue,
  duplicateSetting,
  missingInclude,
  hbaInvalidRecord,
  unreadableFile,
  ...CONF_RULES,
  ...HBA_RULES,
  unusedDirective,
];
