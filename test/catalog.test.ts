import { describe, expect, it } from '@jest/globals';
import {
  boundedDistance,
  closestNameMatches,
  closestNames,
  editDistance,
  foldName,
  loadCatalog,
  lookupParam,
  nameHistory,
  timezoneSets,
  timezones,
} from '../src/catalog/catalog.js';
import { SUPPORTED_MAJORS, type GucDef, type Major } from '../src/catalog/types.js';

function param(major: Major, name: string): GucDef {
  const def = lookupParam(loadCatalog(major), name);
  if (!def) throw new Error(`${name} unknown in ${major}`);
  return def;
}

const since = (first: number) => SUPPORTED_MAJORS.filter((m) => m >= first);
const before = (first: number) => SUPPORTED_MAJORS.filter((m) => m < first);

describe('loadCatalog', () => {
  it.each(SUPPORTED_MAJORS)('loads %i', (major) => {
    const c = loadCatalog(major);
    expect(c.major).toBe(major);
    expect(c.version).toMatch(new RegExp(`^${major}\\.\\d+$`));
    expect(c.params.size).toBeGreaterThan(270);
    for (const [key, def] of c.params) expect(key).toBe(foldName(def.name));
    expect(loadCatalog(major)).toBe(c);
  });

  it('keeps pg_settings spelling and facts', () => {
    const d = param(16, 'datestyle');
    expect(d).toMatchObject({ name: 'DateStyle', type: 'string', context: 'user', boot: 'ISO, MDY', hidden: false });
    expect(param(16, 'work_mem')).toMatchObject({ type: 'integer', unit: 'kB', boot: '4096', min: 64, max: 2147483647 });
    expect(param(18, 'shared_buffers')).toMatchObject({ unit: '8kB', context: 'postmaster', boot: '16384' });
  });
});

describe('facts from POSTGRES.md', () => {
  const freeze: [string, string, number, number, number, number][] = [
    ['vacuum_freeze_min_age', 'user', 10, 50_000_000, 0, 1_000_000_000],
    ['vacuum_freeze_table_age', 'user', 10, 150_000_000, 0, 2_000_000_000],
    ['autovacuum_freeze_max_age', 'postmaster', 10, 200_000_000, 100_000, 2_000_000_000],
    ['vacuum_multixact_freeze_min_age', 'user', 10, 5_000_000, 0, 1_000_000_000],
    ['vacuum_multixact_freeze_table_age', 'user', 10, 150_000_000, 0, 2_000_000_000],
    ['autovacuum_multixact_freeze_max_age', 'postmaster', 10, 400_000_000, 10_000, 2_000_000_000],
    ['vacuum_failsafe_age', 'user', 14, 1_600_000_000, 0, 2_100_000_000],
    ['vacuum_multixact_failsafe_age', 'user', 14, 1_600_000_000, 0, 2_100_000_000],
  ];
  it.each(freeze)('%s ranges (6.1)', (name, context, first, boot, min, max) => {
    for (const m of since(first)) expect(param(m, name)).toMatchObject({ type: 'integer', context, boot: String(boot), min, max });
    for (const m of before(first)) expect(lookupParam(loadCatalog(m), name)).toBeUndefined();
  });

  it('vacuum_max_eager_freeze_failure_rate is a real in 18', () => {
    expect(param(18, 'vacuum_max_eager_freeze_failure_rate')).toMatchObject({ type: 'real', boot: '0.03', min: 0, max: 1 });
    expect(lookupParam(loadCatalog(17), 'vacuum_max_eager_freeze_failure_rate')).toBeUndefined();
  });

  it('wal_level accepts archive and hot_standby as replica', () => {
    for (const m of SUPPORTED_MAJORS) {
      expect(param(m, 'wal_level').enumAliases).toMatchObject({ archive: 'replica', hot_standby: 'replica' });
      expect(param(m, 'wal_level').enumValues).toEqual(['minimal', 'replica', 'logical']);
    }
  });

  it('password_encryption: on/true/yes/1 mean md5 up to 13 only; off never', () => {
    for (const m of before(14)) {
      expect(param(m, 'password_encryption').enumAliases).toEqual({ on: 'md5', true: 'md5', yes: 'md5', '1': 'md5' });
    }
    for (const m of since(14)) expect(param(m, 'password_encryption').enumAliases).toEqual({});
  });

  it('hidden bool spellings and debug levels', () => {
    expect(param(18, 'synchronous_commit').enumAliases).toMatchObject({ true: 'on', no: 'off', '0': 'off' });
    expect(param(15, 'wal_compression').enumAliases).toMatchObject({ on: 'pglz', true: 'pglz', '1': 'pglz' });
    expect(param(14, 'wal_compression').type).toBe('bool');
    expect(param(11, 'client_min_messages').enumAliases.debug).toBe('debug');
    // listed spellings that -C prints differently are recorded too
    expect(param(11, 'client_min_messages').enumAliases.debug2).toBe('debug');
    expect(param(18, 'wal_compression').enumValues).toContain('on');
    expect(param(18, 'client_min_messages').enumAliases.debug2).toBeUndefined();
    for (const m of since(12)) expect(param(m, 'log_min_messages').enumAliases.debug).toBe('debug2');
  });

  it('units and types change per major (2.3, 4.1)', () => {
    expect(param(10, 'track_activity_query_size').unit).toBeNull();
    for (const m of since(11)) expect(param(m, 'track_activity_query_size').unit).toBe('B');
    for (const name of ['vacuum_cost_delay', 'autovacuum_vacuum_cost_delay']) {
      for (const m of before(12)) expect(param(m, name)).toMatchObject({ type: 'integer', unit: 'ms' });
      for (const m of since(12)) expect(param(m, name)).toMatchObject({ type: 'real', unit: 'ms' });
    }
    expect(param(11, 'transaction_isolation').type).toBe('string');
    expect(param(12, 'transaction_isolation').type).toBe('enum');
    expect(param(17, 'log_connections').type).toBe('bool');
    expect(param(18, 'log_connections').type).toBe('string');
  });

  it('hidden parameters that pg_settings does not list', () => {
    for (const m of SUPPORTED_MAJORS) {
      expect(param(m, 'ssl_renegotiation_limit')).toMatchObject({ hidden: true, type: 'integer', min: 0, max: 0, boot: '0' });
      expect(param(m, 'is_superuser')).toMatchObject({ hidden: true, context: 'internal', notInFile: true });
    }
    for (const m of before(12)) expect(param(m, 'default_with_oids').hidden).toBe(false);
    for (const m of since(12)) expect(param(m, 'default_with_oids')).toMatchObject({ hidden: true, type: 'bool', boot: 'off' });
  });

  it('notInFile: internal, rejected, or silently overridden', () => {
    for (const m of SUPPORTED_MAJORS) {
      for (const name of ['block_size', 'server_version', 'transaction_isolation', 'transaction_read_only', 'role']) {
        expect([name, param(m, name).notInFile]).toEqual([name, true]);
      }
      for (const name of ['work_mem', 'application_name', 'hba_file', 'wal_level']) {
        expect([name, param(m, name).notInFile]).toEqual([name, false]);
      }
      expect(param(m, 'config_file').notInFile).toBe(true); // postmaster-context, but ignored in a file
    }
  });

  it('old names (map_old_guc_names)', () => {
    for (const m of SUPPORTED_MAJORS) {
      const c = loadCatalog(m);
      expect(lookupParam(c, 'SORT_MEM')?.name).toBe('work_mem');
      expect(lookupParam(c, 'vacuum_mem')?.name).toBe('maintenance_work_mem');
    }
    expect(loadCatalog(18).oldNames.ssl_ecdh_curve).toBe('ssl_groups');
    expect(lookupParam(loadCatalog(18), 'ssl_ecdh_curve')?.name).toBe('ssl_groups');
    expect(param(17, 'ssl_ecdh_curve')).toMatchObject({ name: 'ssl_ecdh_curve', hidden: false });
    expect(lookupParam(loadCatalog(17), 'ssl_groups')).toBeUndefined();
  });
});

describe('lookupParam', () => {
  it('folds ASCII letters only, as guc_name_compare does', () => {
    const c = loadCatalog(16);
    expect(lookupParam(c, 'Work_Mem')?.name).toBe('work_mem');
    expect(lookupParam(c, 'TIMEZONE')?.name).toBe('TimeZone');
    expect(foldName('ÄÖ_X')).toBe('ÄÖ_x');
    // U+212A KELVIN SIGN lower-cases to "k" in Unicode, never in PostgreSQL
    expect(lookupParam(c, 'wor\u212A_mem')).toBeUndefined();
    expect(lookupParam(c, 'no_such_param')).toBeUndefined();
  });
});

describe('nameHistory', () => {
  it('lists the majors that know a name', () => {
    const h = nameHistory();
    expect(h.wal_keep_segments).toEqual([10, 11, 12]);
    expect(h.wal_keep_size).toEqual(since(13));
    expect(h.stats_temp_directory).toEqual(before(15));
    expect(h.ssl_ecdh_curve).toEqual([...SUPPORTED_MAJORS]);
    expect(h.sort_mem).toEqual([...SUPPORTED_MAJORS]);
    expect(h.checkpoint_segments).toBeUndefined();
    expect(h.datestyle).toEqual([...SUPPORTED_MAJORS]);
  });
});

describe('time zones', () => {
  it.each(SUPPORTED_MAJORS)('%i has the share/timezone names and abbreviation sets', (m) => {
    expect(timezones(m).has('Europe/Berlin')).toBe(true);
    expect(timezones(m).has('UTC')).toBe(true);
    expect(timezones(m).has('Mars/Olympus')).toBe(false);
    expect([...timezoneSets(m)]).toEqual(['Australia', 'Default', 'India']);
  });
});

describe('closestNames', () => {
  it('suggests near misses', () => {
    const c = loadCatalog(17);
    expect(closestNames(c, 'logical_decoding_work_memo', 1)).toEqual(['logical_decoding_work_mem']);
    expect(closestNames(c, 'max_wal_slot_keep_size', 1)).toEqual(['max_slot_wal_keep_size']);
    expect(closestNames(c, 'shared_buffer', 1)).toEqual(['shared_buffers']);
    expect(closestNames(c, 'Shared_Bufers', 1)).toEqual(['shared_buffers']);
    expect(closestNames(c, 'effective_cache', 1)).toEqual([]);
    expect(closestNames(c, 'zzzzzzzzzzzzzz')).toEqual([]);
  });

  it('uses optimal string alignment distance', () => {
    expect(editDistance('abcd', 'abdc')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('bounds the distance exactly: the same value up to the limit, above it otherwise', () => {
    // Every pair of strings of up to 5 letters over a 3-letter alphabet, every limit 0..4 (transpositions included).
    const words = [''];
    for (let len = 1; len <= 5; len++) for (const w of words.filter((x) => x.length === len - 1)) for (const c of 'abc') words.push(w + c);
    let checked = 0;
    for (let x = 0; x < words.length; x += 7) {
      for (let y = 0; y < words.length; y += 5) {
        const [a, b] = [words[x]!, words[y]!];
        const d = editDistance(a, b);
        for (let limit = 0; limit <= 4; limit++) {
          const got = boundedDistance(a, b, limit);
          if (d <= limit) expect(got).toBe(d);
          else expect(got).toBeGreaterThan(limit);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('ranks near names as the full edit distance does', () => {
    const c = loadCatalog(18);
    // Against a brute force over the catalog with editDistance, for misspellings of several kinds.
    for (const name of ['shared_bufers', 'max_conections', 'wal_levle', 'work_men', 'ssl', 'log_min_duration_statment', 'keep_wal_size', 'x']) {
      const key = foldName(name);
      const limit = Math.max(1, Math.min(4, Math.floor(key.length / 3)));
      const words = (s: string) => s.split('_').filter(Boolean).sort().join('_');
      const brute = [...c.params]
        .map(([k, def]) => ({ name: def.name, d: words(k) === words(key) ? Math.min(1, editDistance(key, k)) : editDistance(key, k) }))
        .filter((s) => s.d > 0 && s.d <= limit && Math.abs(s.name.length - key.length) <= limit)
        .sort((p, q) => p.d - q.d || (p.name < q.name ? -1 : p.name > q.name ? 1 : 0))
        .slice(0, 3);
      expect(closestNameMatches(c, name)).toEqual(brute);
    }
  });

  /** Optimal string alignment distance, the textbook full table (the reference for the bounded one). */
  function osa(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
    return d[a.length]![b.length]!;
  }

  /** A deterministic generator (the same cases every run). */
  function rng(seed: number): () => number {
    let x = seed;
    return () => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x / 0x80000000;
    };
  }

  it('bounds the distance exactly against the textbook table, on random strings of any length and letters', () => {
    const r = rng(19);
    const alphabet = 'ab_c\u00e9\u4e00?\x1f';
    const word = (max: number) => Array.from({ length: Math.floor(r() * max) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
    for (let n = 0; n < 3000; n++) {
      const a = word(n < 2900 ? 9 : 70);
      const b = r() < 0.3 ? a.slice(0, Math.floor(r() * a.length)) + word(3) + a.slice(Math.floor(r() * a.length)) : word(n < 2900 ? 9 : 70);
      const d = osa(a, b);
      expect(editDistance(a, b)).toBe(d);
      const limit = Math.floor(r() * 6);
      const got = boundedDistance(a, b, limit);
      if (d <= limit) expect(got).toBe(d);
      else expect(got).toBeGreaterThan(limit);
    }
  });

  it('suggests what a brute force over every name suggests, for misspellings of every kind', () => {
    // Each major's names misspelled by deleting, inserting, replacing or swapping letters, adding or
    // dropping underscores, reordering words and changing case; compared with the textbook distance
    // over the whole catalog (the letter counts that pass names over must never pass over a suggestion).
    const r = rng(7);
    const words = (s: string) => s.split('_').filter(Boolean).sort().join('_');
    let compared = 0;
    for (const major of [10, 14, 18] as const) {
      const c = loadCatalog(major);
      const names = [...c.params.keys()];
      for (let n = 0; n < 60; n++) {
        let s = names[Math.floor(r() * names.length)]!;
        for (let e = 1 + Math.floor(r() * 4); e > 0; e--) {
          const i = Math.floor(r() * (s.length + 1));
          const op = Math.floor(r() * 7);
          if (op === 0) s = s.slice(0, i) + s.slice(i + 1);
          else if (op === 1) s = s.slice(0, i) + 'aeiou_xz'[Math.floor(r() * 8)] + s.slice(i);
          else if (op === 2) s = s.slice(0, i) + 'rstlnm_'[Math.floor(r() * 7)] + s.slice(i + 1);
          else if (op === 3 && i + 1 < s.length) s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
          else if (op === 4) s = s.replace('_', '__');
          else if (op === 5) s = s.split('_').reverse().join('_');
          else s = s.slice(0, i) + s.slice(i).toUpperCase();
        }
        const key = foldName(s);
        const limit = Math.max(1, Math.min(4, Math.floor(key.length / 3)));
        const brute = [...c.params]
          .filter(([k]) => Math.abs(k.length - key.length) <= limit)
          .map(([k, def]) => ({ name: def.name, d: words(k) === words(key) ? Math.min(1, osa(key, k)) : osa(key, k) }))
          .filter((x) => x.d > 0 && x.d <= limit)
          .sort((p, q) => p.d - q.d || (p.name < q.name ? -1 : p.name > q.name ? 1 : 0))
          .slice(0, 3);
        expect(closestNameMatches(c, s)).toEqual(brute);
        if (brute.length) compared++;
      }
    }
    // Most cases have suggestions to compare.
    expect(compared).toBeGreaterThan(120);
  });
});
