import { Ajv, type ValidateFunction } from 'ajv';

/**
 * A JSON Schema of a GitLab Code Quality report, written from GitLab's documentation (GitLab
 * publishes no schema file): "Code Quality report format" / "Implement a custom tool" in
 * https://docs.gitlab.com/ci/testing/code_quality/ (formerly
 * https://docs.gitlab.com/ee/ci/testing/code_quality.html). The report is a JSON array of
 * objects with:
 * - `description`: a human-readable description of the violation (string);
 * - `check_name`: a unique name representing the check or rule (string);
 * - `fingerprint`: a unique fingerprint identifying this violation, e.g. a hash of its contents;
 * - `severity`: one of `info`, `minor`, `major`, `critical`, `blocker`;
 * - `location.path`: the file, as a path relative to the repository root, not prefixed with `./`;
 * - `location.lines.begin` or `location.positions.begin.line`: the line of the violation.
 * GitLab reads the Code Climate issue format
 * (https://github.com/codeclimate/platform/blob/master/spec/analyzers/SPEC.md#data-types), so the
 * optional fields we emit follow that spec: `type` is "issue", `categories` a non-empty list of its
 * categories, `content.body` markdown, `location.lines.end` a line number.
 */
export const GITLAB_CODE_QUALITY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      type: { const: 'issue' },
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      categories: {
        type: 'array',
        minItems: 1,
        items: { enum: ['Bug Risk', 'Clarity', 'Compatibility', 'Complexity', 'Duplication', 'Performance', 'Security', 'Style'] },
      },
      content: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } },
      location: {
        type: 'object',
        required: ['path'],
        properties: {
          // Relative to the repository root: not absolute, no ./ prefix, no backslashes.
          path: { type: 'string', minLength: 1, not: { pattern: '^(/|\\./|[A-Za-z]:)|\\\\' } },
          lines: {
            type: 'object',
            required: ['begin'],
            properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } },
          },
          positions: {
            type: 'object',
            required: ['begin'],
            properties: { begin: { type: 'object', required: ['line'], properties: { line: { type: 'integer', minimum: 1 } } } },
          },
        },
        anyOf: [{ required: ['lines'] }, { required: ['positions'] }],
      },
    },
  },
} as const;

let validate: ValidateFunction | undefined;

export function gitlabCodeQualityValidator(): ValidateFunction {
  validate ??= new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(GITLAB_CODE_QUALITY_SCHEMA);
  return validate;
}
