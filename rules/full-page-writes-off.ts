import { defineRule } from '../src/linter/rule.js';

export default defineRule({
  name: 'full-page-writes-off',
  severity: 'error',
  category: 'durability',
  appliesTo: ['postgresql.conf', 'postgresql.auto.conf'],
  docs: () => ({
    summary: 'full_page_writes is off',
    why:
      'PostgreSQL writes 8 kB pages, while disks and file systems usually write smaller units. If the server ' +
      'crashes in the middle of a page write, the page on disk is half old and half new ("torn"), and WAL replay ' +
      'cannot repair it unless the first change after each checkpoint logged the whole page. With ' +
      'full_page_writes off that copy is missing: after a power loss or kernel crash the data files can be ' +
      'silently corrupted. pg_rewind also refuses to work with a server that has it off, so a failed-over primary ' +
      'cannot be re-attached as a standby. Only a file system that guarantees atomic 8 kB writes (such as ZFS) ' +
      'makes it safe, and then the saving is rarely worth the risk.',
    invalid: ['full_page_writes = off', 'full_page_writes = false'],
    valid: ['full_page_writes = on', 'wal_compression = on'],
    references: [
      'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-FULL-PAGE-WRITES',
      'https://www.postgresql.org/docs/current/app-pgrewind.html',
    ],
    versions: 'all',
  }),
  check(ctx) {
    const fpw = ctx.setting('full_page_writes');
    if (fpw?.value !== false || !fpw.loc) return;
    const raw = fpw.assignment?.line.raw ?? fpw.canonical;
    ctx.report({
      loc: fpw.loc,
      message: `full_page_writes = ${raw}${raw === fpw.canonical ? '' : ` (${fpw.canonical})`}: a crash during a page write can leave torn, corrupted pages, and pg_rewind cannot be used`,
      help: 'Set full_page_writes = on (the default); if WAL volume is the concern, use wal_compression instead.',
    });
  },
});
