// Rendering the diff (src/diff/render.ts): every expected output below is written by hand.
import { describe, expect, test } from '@jest/globals';
import { markdownSections, renderDiff } from '../src/diff/render.js';
import type { AccessChange, DiffResult } from '../src/diff/types.js';

const HBA = 'db/pg_hba.conf';

const WIDENED: AccessChange = {
  change: 'widened',
  connection: { transport: 'tcp-nossl', database: 'any database', user: 'any user (all)', address: '0.0.0.0/0 except 10.0.0.0/8' },
  before: null,
  after: { method: 'md5', options: [], file: HBA, line: 4 },
};

const RESULT: DiffResult = {
  version: 1,
  clusters: [
    {
      cluster: 'db',
      pgVersion: 17,
      access: [
        WIDENED,
        {
          change: 'narrowed',
          connection: { transport: 'local', database: 'any database (all)', user: 'postgres', address: '' },
          before: { method: 'peer', options: [], file: HBA, line: 1 },
          after: { method: 'reject', options: [], file: HBA, line: 1 },
        },
        {
          change: 'changed',
          connection: { transport: 'tcp-ssl', database: 'app', user: 'any user (all)', address: 'any address' },
          before: { method: 'cert', options: ['clientcert=verify-ca'], file: HBA, line: 2 },
          after: { method: 'cert', options: ['clientcert=verify-full', 'map=certs'], file: HBA, line: 2 },
        },
        {
          change: 'widened',
          connection: { transport: 'tcp-gssenc', database: 'app', user: 'app', address: '192.168.0.0/16' },
          before: { method: 'scram-sha-256', options: [], file: HBA, line: 3 },
          after: { method: 'md5', options: [], file: 'db/hba.d/more.conf', line: 1 },
        },
      ],
      unknown: [{ code: 'group-membership', message: 'who is in +admins is not in the files', file: HBA, line: 5 }],
      settings: [
        { name: 'work_mem', before: '4096', after: '8192', restart: false, apply: 'reload', file: 'db/postgresql.conf', line: 2 },
        { name: 'shared_buffers', before: '16384', after: '32768', restart: true, apply: 'restart', file: 'db/postgresql.conf', line: 1 },
        { name: 'checkpoint_timeout', before: '300', after: '600', restart: false, apply: 'reload', file: 'db/conf.d/x.conf', line: 3 },
        { name: 'app.mode', before: "it's", after: null, restart: false, apply: 'reload', file: 'db/postgresql.conf', line: 9 },
        { name: 'max_connections', before: '100', after: '200', restart: true, apply: 'restart', file: 'db/postgresql.auto.conf', line: 1 },
      ],
    },
    {
      cluster: 'old',
      pgVersion: 16,
      status: 'removed',
      access: [],
      unknown: [],
      settings: [{ name: 'port', before: '5433', after: null, restart: true, apply: 'restart', file: 'old/postgresql.conf', line: 1 }],
    },
    { cluster: 'empty', pgVersion: 18, status: 'added', access: [], unknown: [], settings: [] },
  ],
};

describe('renderDiff text', () => {
  test('per cluster: access changes, what cannot be decided, settings grouped with restart ones first', () => {
    expect(renderDiff(RESULT, 'text')).toBe(
      [
        'db (PostgreSQL 17)',
        '  Access changes',
        '    widened: Now accepted: any user (all) to any database from 0.0.0.0/0 except 10.0.0.0/8, over TCP without SSL, with md5 (db/pg_hba.conf:4) — was: no matching record (refused)',
        '    narrowed: No longer accepted: postgres to any database (all), over the local socket, refused by reject (db/pg_hba.conf:1) — was: with peer (db/pg_hba.conf:1)',
        '    changed: Changed: any user (all) to app from any address, over TCP with SSL, with cert clientcert=verify-full map=certs (db/pg_hba.conf:2) — was: with cert clientcert=verify-ca (db/pg_hba.conf:2)',
        '    widened: Weaker authentication: app to app from 192.168.0.0/16, over TCP with GSS encryption, with md5 (db/hba.d/more.conf:1) — was: with scram-sha-256 (db/pg_hba.conf:3)',
        '  Cannot be decided from the files',
        '    group-membership: who is in +admins is not in the files (db/pg_hba.conf:5)',
        '  Settings changes',
        "    max_connections: '100' → '200' (restart needed) (db/postgresql.auto.conf:1)",
        "    shared_buffers: 128MB → 256MB (restart needed) (db/postgresql.conf:1)",
        "    app.mode: 'it''s' → (not set) (reload needed) (db/postgresql.conf:9)",
        "    checkpoint_timeout: 5min → 10min (reload needed) (db/conf.d/x.conf:3)",
        "    work_mem: 4MB → 8MB (reload needed) (db/postgresql.conf:2)",
        '',
        'old (PostgreSQL 16, removed: not in the head)',
        '  Settings changes',
        "    port: '5433' → (not set) (restart needed) (old/postgresql.conf:1)",
        '',
        'empty (PostgreSQL 18, added: not in the base)',
        '  No access or settings changes.',
        '',
      ].join('\n'),
    );
  });

  test('nothing to report', () => {
    expect(renderDiff({ version: 1, clusters: [] }, 'text')).toBe('No access or settings changes.\n');
  });

  test("the files' text cannot drive the terminal or start a workflow command", () => {
    const hostile: DiffResult = {
      version: 1,
      clusters: [
        {
          cluster: '::error::pwned',
          pgVersion: 17,
          access: [],
          unknown: [],
          settings: [{ name: 'app.x', before: 'a\u001b[31mred', after: 'line\nbreak', restart: false, apply: 'reload', file: 'x\u202e/postgresql.conf', line: 1 }],
        },
      ],
    };
    expect(renderDiff(hostile, 'text')).toBe(
      ['./::error::pwned (PostgreSQL 17)', '  Settings changes', "    app.x: 'a\\x1b[31mred' → 'line\\nbreak' (reload needed) (x\\u202e/postgresql.conf:1)", ''].join('\n'),
    );
  });
});

describe('renderDiff json', () => {
  test("issue 17's example, with the fields types.ts adds (options, unknown, apply)", () => {
    const result: DiffResult = {
      version: 1,
      clusters: [
        {
          cluster: 'db',
          pgVersion: 17,
          access: [{ ...WIDENED, connection: { ...WIDENED.connection, database: 'all', user: 'all' } }],
          unknown: [],
          settings: [{ name: 'shared_buffers', before: '1GB', after: '2GB', restart: true, apply: 'restart', file: 'db/postgresql.conf', line: 1 }],
        },
      ],
    };
    const out = renderDiff(result, 'json');
    expect(out.endsWith('}\n')).toBe(true);
    expect(JSON.stringify(JSON.parse(out))).toBe(
      '{"version":1,"clusters":[{"cluster":"db","pgVersion":17,"access":[{"change":"widened","connection":{"transport":"tcp-nossl","database":"all","user":"all","address":"0.0.0.0/0 except 10.0.0.0/8"},"before":null,"after":{"method":"md5","options":[],"file":"db/pg_hba.conf","line":4}}],"unknown":[],"settings":[{"name":"shared_buffers","before":"1GB","after":"2GB","restart":true,"apply":"restart","file":"db/postgresql.conf","line":1}]}]}',
    );
  });

  test('status, unknowns, nulls; fields a caller added to the objects stay out', () => {
    const withExtra = { ...RESULT.clusters[1]!, internal: 'x' } as (typeof RESULT.clusters)[number];
    const out = JSON.parse(renderDiff({ version: 1, clusters: [withExtra] }, 'json'));
    expect(out).toEqual({
      version: 1,
      clusters: [
        {
          cluster: 'old',
          pgVersion: 16,
          status: 'removed',
          access: [],
          unknown: [],
          settings: [{ name: 'port', before: '5433', after: null, restart: true, apply: 'restart', file: 'old/postgresql.conf', line: 1 }],
        },
      ],
    });
  });
});

const ZWJ = '\u200d';

describe('renderDiff markdown and markdownSections', () => {
  test('sections as tables, restart ones first, the settings title saying a restart is needed', () => {
    const s = markdownSections(RESULT);
    expect(s.access).toBe(
      [
        '### Access changes',
        '',
        '**db** — PostgreSQL 17',
        '',
        '| change | connection | now | before |',
        '|---|---|---|---|',
        '| ⚠️ widened | Now accepted: any user (all) to any database from 0.0.0.0/0 except 10.0.0.0/8, over TCP without SSL | with md5 (db/pg\\_hba.conf:4) | no matching record (refused) |',
        '| narrowed | No longer accepted: postgres to any database (all), over the local socket | refused by reject (db/pg\\_hba.conf:1) | with peer (db/pg\\_hba.conf:1) |',
        '| changed | Changed: any user (all) to app from any address, over TCP with SSL | with cert clientcert=verify-full map=certs (db/pg\\_hba.conf:2) | with cert clientcert=verify-ca (db/pg\\_hba.conf:2) |',
        '| ⚠️ widened | Weaker authentication: app to app from 192.168.0.0/16, over TCP with GSS encryption | with md5 (db/hba.d/more.conf:1) | with scram-sha-256 (db/pg\\_hba.conf:3) |',
        '',
        'Cannot be decided from the files:',
        '',
        '- group-membership: who is in +admins is not in the files (db/pg\\_hba.conf:5)',
        '',
      ].join('\n'),
    );
    expect(s.settings).toBe(
      [
        '### Settings changes (restart needed)',
        '',
        '**db** — PostgreSQL 17',
        '',
        '| parameter | before | after | applying it takes | set at |',
        '|---|---|---|---|---|',
        "| max\\_connections | '100' | '200' | **restart needed** | db/postgresql.auto.conf:1 |",
        "| shared\\_buffers | 128MB | 256MB | **restart needed** | db/postgresql.conf:1 |",
        "| app.mode | 'it''s' | (not set) | reload | db/postgresql.conf:9 |",
        "| checkpoint\\_timeout | 5min | 10min | reload | db/conf.d/x.conf:3 |",
        "| work\\_mem | 4MB | 8MB | reload | db/postgresql.conf:2 |",
        '',
        '**old** — PostgreSQL 16 (removed)',
        '',
        '| parameter | before | after | applying it takes | set at |',
        '|---|---|---|---|---|',
        "| port | '5433' | (not set) | **restart needed** | old/postgresql.conf:1 |",
        '',
      ].join('\n'),
    );
    expect(renderDiff(RESULT, 'markdown')).toBe(`## pgconf-lint diff\n\nAdded clusters: empty\n\nRemoved clusters: old\n\n${s.access}\n${s.settings}`);
  });

  test('empty sections say so; no restart: plain title; nothing at all', () => {
    const s = markdownSections({
      version: 1,
      clusters: [{ cluster: 'db', pgVersion: 17, access: [], unknown: [], settings: [{ name: 'work_mem', before: '1', after: '2', restart: false, apply: 'reload', file: null, line: null }] }],
    });
    expect(s.access).toBe('### Access changes\n\nNo access changes.\n');
    expect(s.settings).toBe(
      "### Settings changes\n\n**db** — PostgreSQL 17\n\n| parameter | before | after | applying it takes | set at |\n|---|---|---|---|---|\n| work\\_mem | 1kB | 2kB | reload |  |\n",
    );
    expect(renderDiff({ version: 1, clusters: [] }, 'markdown')).toBe('## pgconf-lint diff\n\nNo access or settings changes.\n');
    expect(markdownSections({ version: 1, clusters: [] }, { level: 2 })).toEqual({
      access: '## Access changes\n\nNo access changes.\n',
      settings: '## Settings changes\n\nNo settings changes.\n',
    });
  });

  test("the files' text is inert: no table break, HTML, mention or link", () => {
    const s = markdownSections({
      version: 1,
      clusters: [
        {
          cluster: 'a|b',
          pgVersion: 17,
          access: [],
          unknown: [],
          settings: [{ name: 'app.x', before: '<img src=x> @org/team', after: '`x` https://evil.example [l](u)', restart: false, apply: 'reload', file: 'a|b/postgresql.conf', line: 1 }],
        },
      ],
    });
    expect(s.settings).toBe(
      [
        '### Settings changes',
        '',
        '**a\\|b** — PostgreSQL 17',
        '',
        '| parameter | before | after | applying it takes | set at |',
        '|---|---|---|---|---|',
        `| app.x | '&lt;img src=x&gt; @${ZWJ}org/team' | '\\\`x\\\` https:${ZWJ}//evil.example \\[l\\](u)' | reload | a\\|b/postgresql.conf:1 |`,
        '',
      ].join('\n'),
    );
  });

  test('maxBytes: rows past the bound are counted, not shown', () => {
    const many: DiffResult = {
      version: 1,
      clusters: [
        {
          cluster: 'db',
          pgVersion: 17,
          access: [],
          unknown: [],
          settings: Array.from({ length: 100 }, (_, i) => ({
            name: `app.p${String(i).padStart(3, '0')}`,
            before: 'x'.repeat(50),
            after: null,
            restart: false,
            apply: 'reload' as const,
            file: 'db/postgresql.conf',
            line: i + 1,
          })),
        },
      ],
    };
    const s = markdownSections(many, { maxBytes: 2000 });
    expect(Buffer.byteLength(s.settings)).toBeLessThanOrEqual(2000);
    const shown = s.settings.split('\n').filter((l) => l.startsWith('| app.p')).length;
    expect(shown).toBeGreaterThan(0);
    expect(s.settings).toContain(`… ${100 - shown} more entries not shown here (size limit); \`pgconf-lint diff --format json\` lists them all.`);
    // The first rows are the ones kept.
    expect(s.settings).toContain('| app.p000 |');
  });
});
