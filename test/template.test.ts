import { describe, expect, test } from '@jest/globals';
import { findPlaceholder, PLACEHOLDER_TEXT_MAX } from '../src/analysis/template.js';

describe('findPlaceholder', () => {
  test.each([
    ['${TZ}', '${TZ}', 'shell'],
    ["'${TZ}'", '${TZ}', 'shell'],
    ['${PGDATA:-/var/lib/postgresql/data}/conf.d', '${PGDATA:-/var/lib/postgresql/data}', 'shell'],
    ['${var.subnet}', '${var.subnet}', 'shell'],
    ['{{ pg_port }}', '{{ pg_port }}', 'jinja'],
    ['{{pg_port}}', '{{pg_port}}', 'jinja'],
    ['{{- .Values.postgresql.port -}}', '{{- .Values.postgresql.port -}}', 'jinja'],
    ['{{ $subnet }}', '{{ $subnet }}', 'jinja'],
    ["{{ pg_tz | default('UTC') }}", "{{ pg_tz | default('UTC') }}", 'jinja'],
    ['{% if ssl %}on{% endif %}', '{% if ssl %}', 'jinja'],
    ['10.0.0.0/@@PREFIX@@', '@@PREFIX@@', 'at-sign'],
    ['%(listen)s', '%(listen)s', 'python'],
    ['x %(port)d', '%(port)d', 'python'],
    ['<%= @listen_addresses %>', '<%= @listen_addresses %>', 'erb'],
  ])('%s holds %s', (text, found, syntax) => {
    const p = findPlaceholder(text);
    expect(p).toEqual({ start: text.indexOf(found), end: text.indexOf(found) + found.length, text: found, syntax });
  });

  test.each([
    ['"$user", public'],
    ['$libdir/plugins'],
    ['cp %p /archive/%f'],
    ['%m [%p] %q%u@%d '],
    ['postgresql-%Y-%m-%d_%H%M%S.log'],
    ['PG_MASTER_USER'],
    ['__DB_NAME__'],
    ['$PGDATA/archive'],
    ['{{1,2},{3,4}}'],
    ['{{1,2}}'],
    ['user@example.com'],
    ['@admins'],
    ['%%(escaped)s'],
    ['${ unclosed'],
    ['{{ unclosed'],
    ['<% code %>'],
    [''],
  ])('%s holds none', (text) => {
    expect(findPlaceholder(text)).toBeNull();
  });

  test('the earliest of several syntaxes wins', () => {
    expect(findPlaceholder('{{ a }} ${B}')?.syntax).toBe('jinja');
    expect(findPlaceholder('${B} {{ a }}')?.syntax).toBe('shell');
    expect(findPlaceholder('@@X@@ %(y)s')).toMatchObject({ start: 0, syntax: 'at-sign' });
  });

  test('an escaped %% before %(…)s is skipped, an odd run is not an escape', () => {
    expect(findPlaceholder('%%(a)s %(b)s')).toMatchObject({ start: 7, text: '%(b)s' });
    expect(findPlaceholder('%%%(a)s')).toMatchObject({ start: 2, text: '%(a)s' });
  });

  test('a syntax can be left out', () => {
    expect(findPlaceholder('cp %p ${ARCHIVE}/%f', { except: ['shell'] })).toBeNull();
    expect(findPlaceholder('cp %p ${ARCHIVE}/{{ dir }}', { except: ['shell'] })).toMatchObject({ text: '{{ dir }}', syntax: 'jinja' });
  });

  test('the text is cut, the offsets are not', () => {
    const long = `\${A:-${'x'.repeat(150)}}`;
    const p = findPlaceholder(`= ${long}`);
    expect(p).toMatchObject({ start: 2, end: 2 + long.length });
    expect(p?.text).toHaveLength(PLACEHOLDER_TEXT_MAX);
  });

  test('linear on adversarial input', () => {
    const text = '{{a'.repeat(30_000) + '${a:-'.repeat(30_000) + '%('.repeat(30_000) + '<%='.repeat(30_000);
    const t0 = Date.now();
    expect(findPlaceholder(text)).toBeNull();
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
