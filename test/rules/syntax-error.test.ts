import rule from '../../rules/syntax-error.js';
import { ruleTester } from '../support/rule-tester.js';

const MSG = (near: string) => `syntax error ${near}: PostgreSQL refuses to start with this file, and a reload ignores the whole file`;
const QUOTE_FIX = { title: 'Quote the whole value', applicability: 'unsafe' as const };

/** `line` on line 2 (a header above): one finding at the token PostgreSQL names (columns 1-based, end exclusive). */
const at2 = (line: string, column: number, endColumn: number, extra: Record<string, unknown> = {}) => ({
  code: `# header\n${line}\n`,
  pgVersion: 16 as const,
  errors: [{ line: 2, column, endLine: 2, endColumn, severity: 'error' as const, message: MSG(`near token "${line.slice(column - 1, endColumn - 1)}"`), ...extra }],
});

// The fix (unsafe) quotes the whole value, from the parser's structured code and value range, when
// the quoted value is one the parameter accepts.
ruleTester(rule, {
  valid: [
    { name: 'valid unusual spellings', code: "work_mem 8MB\nwork_mem = 0x2000\nwork_mem='8 MB'#c\nINCLUDE_IF_EXISTS 'nope.conf'\napplication_name = a.b.c\nrandom_page_cost = .\n", pgVersion: 16 },
    { code: "unix_socket_directories = '/var/run/postgresql'\n" },
  ],
  invalid: [
    {
      ...at2('unix_socket_directories = /var/run/postgresql', 27, 28, {
        help: "Quote the whole value with single quotes, e.g. '/var/run/postgresql'.",
        fix: QUOTE_FIX,
      }),
      output: "# header\nunix_socket_directories = '/var/run/postgresql'\n",
    },
    {
      ...at2('work_mem = 8 MB', 14, 16, { help: "Quote the whole value with single quotes, e.g. '8 MB'.", fix: QUOTE_FIX }),
      output: "# header\nwork_mem = '8 MB'\n",
    },
    { ...at2('listen_addresses = *', 20, 21, { fix: QUOTE_FIX }), output: "# header\nlisten_addresses = '*'\n" },
    {
      ...at2('search_path = "$user", public', 15, 16, { help: `Quote the whole value with single quotes, e.g. '"$user", public'.`, fix: QUOTE_FIX }),
      output: `# header\nsearch_path = '"$user", public'\n`,
    },
    {
      ...at2('default_text_search_config = pg_catalog.english   # comment kept', 30, 48, { fix: QUOTE_FIX }),
      output: "# header\ndefault_text_search_config = 'pg_catalog.english'   # comment kept\n",
    },
    { ...at2('work_mem = 1.5MB', 15, 17, { fix: QUOTE_FIX }), output: "# header\nwork_mem = '1.5MB'\n" },
    {
      name: 'fractions with units are 12+: on 11 the quoted value is invalid too, so no fix',
      ...at2('work_mem = 1.5MB', 15, 17, { help: "Quote the whole value with single quotes (name = '…')." }),
      pgVersion: 11,
      output: null,
    },
    { ...at2('work_mem = 0X2000', 14, 18, { help: "Quote the whole value with single quotes, e.g. '0X2000'.", fix: QUOTE_FIX }), output: "# header\nwork_mem = '0X2000'\n" },
    {
      name: 'a three-part name: not a parameter line',
      ...at2('myext.sub.setting = 1', 1, 18, {
        help: 'Quote values that contain spaces, slashes, dots, commas or other special characters, and put one setting per line.',
      }),
      output: null,
    },
    {
      name: 'a missing value: at the end of the line',
      code: 'work_mem =\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 11, message: MSG('near end of line'), help: 'Give the parameter a value: an unquoted word or number, or a quoted string.' }],
      output: null,
    },
    {
      name: 'an unknown parameter: no example, no fix',
      code: 'extraheader = AUTHORIZATION: basic x\n',
      pgVersion: 16,
      errors: [{ line: 1, column: 30, help: "Quote the whole value with single quotes (name = '…')." }],
      output: null,
    },
    {
      name: 'two bad lines, two findings; a quote inside the value: no fix',
      code: "a = 1\nwork_mem = 4MB;\nport = 5432\nx = 'a' 'b'\n",
      pgVersion: 16,
      errors: [
        { line: 2, column: 15, help: "Quote the whole value with single quotes (name = '…')." },
        { line: 4, column: 9, help: 'Quote values that contain spaces, slashes, dots, commas or other special characters, and put one setting per line.' },
      ],
      output: null,
    },
    {
      name: 'errors inside included files are reported and fixed in the included file; CRLF kept',
      code: { 'postgresql.conf': "include 'inc.conf'\n", 'inc.conf': 'work_mem = 8 MB\r\n' },
      pgVersion: 16,
      errors: [{ file: 'inc.conf', line: 1, column: 14, fix: QUOTE_FIX }],
      output: { 'inc.conf': "work_mem = '8 MB'\r\n" },
    },
    {
      name: 'double quotes around a single value: the double-quote help, and the quoted value',
      code: 'log_line_prefix = "%m [%p] "\n',
      pgVersion: 18,
      errors: [{ line: 1, column: 19, help: `Quote the whole value with single quotes, e.g. '"%m [%p] "'.`, fix: QUOTE_FIX }],
      output: `log_line_prefix = '"%m [%p] "'\n`,
    },
    {
      name: 'double quotes where the value contains a quote: the double-quote help, no fix',
      code: `application_name = "it's"\n`,
      pgVersion: 18,
      errors: [{ line: 1, column: 20, help: 'Quote values with single quotes: PostgreSQL does not accept double quotes in postgresql.conf.' }],
      output: null,
    },
  ],
});
