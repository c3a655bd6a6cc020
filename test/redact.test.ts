import { describe, expect, test } from '@jest/globals';
import { boundQuote, boundQuotedIn, boundQuotes, containsSecret, MASK, maskQuoted, privateKeyBlocks, QUOTE_MAX_CHARS, redactSecrets, scanSecretRanges, secretRanges } from '../src/linter/redact.js';

// Secrets of each shape the masker must recognize, inside the text that carries them.
const GHS = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const BASIC = 'eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const PEM_LINE = 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi5j1Ez2WHeHFNkTq6Xcm5wdT3f';

describe('redactSecrets masks credentials', () => {
  test.each([
    ['git extraheader in a help text', `Quote the whole value with single quotes, e.g. 'AUTHORIZATION: basic ${BASIC}'.`, [BASIC]],
    ['Authorization header, bearer', `Authorization: Bearer ${GHS}`, [GHS]],
    ['Authorization header without a scheme', 'authorization=abcdef123456', ['abcdef123456']],
    ['pg_hba token list (@file): header words as list items', `users AUTHORIZATION:, basic, ${BASIC} and 23 more`, [BASIC]],
    ['basic + base64 without the header name', `near basic ${BASIC} here`, [BASIC]],
    ['libpq conninfo password', 'invalid value for parameter "primary_conninfo": "host=primary password=hunter2 user=x"', ['hunter2']],
    ['conninfo sslpassword, quoted with blanks', "sslpassword = 'correct horse battery' host=x", ['correct horse', 'battery']],
    ['passwd option (pg_hba ldapbindpasswd)', 'ldapbindpasswd=Sup3rS3cret ldapserver=x', ['Sup3rS3cret']],
    ['environment assignment', 'PGPASSWORD=hunter2 pg_basebackup -h x', ['hunter2']],
    ['command-line flag', 'tool --db-password=hunter2 --verbose', ['hunter2']],
    ['secret= pair', 'client_secret=abc123xyz', ['abc123xyz']],
    ['token= pair with blanks', 'token = gibberish42', ['gibberish42']],
    ['JSON/YAML key: value', '{"api_key": "k-123-456", "password": "hunter2"}', ['k-123-456', 'hunter2']],
    ['URL user info', 'could not connect to "postgresql://replicator:hunter2@primary:5432/db"', ['hunter2']],
    ['URL user info with a token', `https://x-access-token:${GHS}@github.com/o/r.git`, [GHS]],
    ['URL user info with a token as the user name', `https://${GHS}:x-oauth-basic@github.com/o/r.git`, [GHS.slice(4), 'x-oauth-basic']],
    ['GitHub token alone', `unrecognized configuration parameter "${GHS}"`, [GHS]],
    ['GitHub tokens of each prefix', 'ghp_aaaaBBBBccccDDDD1234 gho_aaaaBBBBccccDDDD1234 ghu_aaaaBBBBccccDDDD1234 ghr_aaaaBBBBccccDDDD1234', ['aaaaBBBBccccDDDD1234']],
    ['fine-grained GitHub token', 'x github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz y', ['11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz']],
    ['AWS access key id', 'near token "AKIAIOSFODNN7EXAMPLE"', ['IOSFODNN7EXAMPLE']],
    ['AWS secret key pair', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ['wJalrXUtnFEMI']],
    ['JWT', `invalid connection type "${JWT}"`, [JWT.slice(0, 30), JWT.slice(-20)]],
    ['PEM private key block', `-----BEGIN RSA PRIVATE KEY-----\n${PEM_LINE}\n${PEM_LINE}\n-----END RSA PRIVATE KEY-----`, [PEM_LINE]],
    ['PEM header without an end', `-----BEGIN OPENSSH PRIVATE KEY----- ${PEM_LINE}`, [PEM_LINE]],
    ['.npmrc auth token', '//registry.npmjs.org/:_authToken=npm_abcdefXYZ123', ['npm_abcdefXYZ123']],
    ['.env lines', 'AWS_SECRET_ACCESS_KEY=abc/def+ghi NPM_TOKEN=tok123 DATABASE_URL=postgres://app:pw123@db/app', ['abc/def+ghi', 'tok123', 'pw123']],
    ['service account JSON (one line)', `{"client_secret": "cs-123", "private_key": "-----BEGIN PRIVATE KEY-----\\n${PEM_LINE}\\n-----END PRIVATE KEY-----\\n"}`, ['cs-123', PEM_LINE]],
    ['one line of a private key, quoted alone', `invalid connection type "${PEM_LINE}"`, [PEM_LINE]],
  ])('%s', (_what, text, secrets) => {
    const out = redactSecrets(text);
    for (const s of secrets) expect(out).not.toContain(s);
    expect(out).toContain(MASK);
    expect(containsSecret(text)).toBe(true);
  });

  test('keeps the words around a secret', () => {
    expect(redactSecrets(`e.g. 'AUTHORIZATION: basic ${BASIC}'.`)).toBe(`e.g. 'AUTHORIZATION: basic ${MASK}'.`);
    expect(redactSecrets('"host=x password=hunter2"')).toBe(`"host=x password=${MASK}"`);
    expect(redactSecrets('postgresql://repl:pw1@h/db')).toBe(`postgresql://repl:${MASK}@h/db`);
    expect(redactSecrets(`t ${GHS} u`)).toBe(`t ghs_${MASK} u`);
    expect(redactSecrets('AKIAIOSFODNN7EXAMPLE')).toBe(`AKIA${MASK}`);
  });

  test('random base64 of the usual key and token sizes is masked', () => {
    // A line of a PEM body is 48 random bytes; tokens are 24 bytes and more.
    // Deterministic pseudo-random bytes (xorshift32), so that the count cannot vary between runs.
    let x = 2463534242;
    const bytes = (n: number): Buffer => {
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        b[i] = x & 0xff;
      }
      return b;
    };
    let missed = 0;
    for (let k = 0; k < 500; k++) {
      const t = bytes(48).toString('base64');
      if (!containsSecret(`"${t}"`)) missed++;
    }
    expect(missed).toBeLessThan(10);
  });

  test('an already masked value is left as it is', () => {
    const msg = `primary_conninfo contains a literal secret (password=${MASK}): anyone who can read the repository can use it`;
    expect(redactSecrets(msg)).toBe(msg);
  });
});

describe('redactSecrets leaves ordinary messages alone', () => {
  test.each([
    // A quoted name followed by our words is not a "key": value pair (a JSON key takes a quoted value).
    'unrecognized configuration parameter "token": PostgreSQL 18 refuses to start with it',
    'invalid connection type "password": PostgreSQL 18 rejects this record',
    'syntax error near token "basic": PostgreSQL refuses to start with this file, and a reload ignores the whole file',
    'unrecognized configuration parameter "shared_buffer": PostgreSQL 18 refuses to start with it',
    "Quote the whole value with single quotes, e.g. '/var/run/postgresql'.",
    'invalid value for parameter "work_mem": "8mb" (Valid units for this parameter are "B", "kB", "MB", "GB", and "TB")',
    'could not open configuration file "conf.d/ApplicationSupport/Overrides2024/postgresql.conf": No such file or directory',
    'md5 authentication: users app can connect to databases app from 10.0.0.0/8 with an MD5 password (md5); the hash can be replayed',
    'Bearer authentication and basic auth are configured in pg_hba.conf',
    'password_encryption is md5: new passwords are stored as MD5 hashes',
    'hostssl record can never match (ssl = off): token authentication is refused',
    'restore_command = cp /mnt/server/archivedir/%f %p; the passfile= option keeps the password out',
    'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 and uuid 123e4567-e89b-12d3-a456-426614174000',
    'postgresql://replicator@primary:5432/postgres has no password',
    'shared_preload_libraries = pg_stat_statements,auto_explain,pg_cron,pgaudit,TimescaleDB2',
  ])('%s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('redactSecrets is linear on hostile input', () => {
  // 10 MB lines of near-matches: each would make a backtracking matcher quadratic. No timing
  // assertion: a quadratic scan of 10 MB takes hours and trips the jest timeout.
  const N = 10 * 1024 * 1024;
  test.each([
    ['a', 'no run ends'],
    ['a.', 'dotted runs'],
    ['password ', 'keys without a separator'],
    ['password=', 'keys whose value is the next key'],
    ['eyJ.', 'JWT starts that never complete'],
    ['github_pat_', 'fine-grained token prefixes too short'],
    ['ghp_', 'token prefixes too short'],
    ['-----BEGIN ', 'PEM headers that never end'],
    ['a://a:', 'URL user info without @'],
    ['basic ', 'schemes without a token'],
    ['authorization: ', 'headers without a value'],
    ['aB3', 'one endless random-looking run'],
    [' ', 'blanks'],
  ])('%j repeated to 10 MB (%s)', (unit, _what) => {
    const s = unit.repeat(Math.ceil(N / unit.length));
    const out = redactSecrets(s);
    // A result that is no longer than the input, and masks only what matched.
    expect(out.length).toBeLessThanOrEqual(s.length + MASK.length);
    if (unit === 'a' || unit === ' ' || unit === 'password ' || unit === 'a.') expect(out).toBe(s);
  }, 60_000);
});

describe('private key blocks and quoted spans', () => {
  test('privateKeyBlocks finds each block from its BEGIN line to its END line, or to the end of the text', () => {
    const key = `-----BEGIN PRIVATE KEY-----\n${PEM_LINE}\n-----END PRIVATE KEY-----`;
    const text = `a = 1\n${key}\nb = 2\n-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n-----BEGIN EC PRIVATE KEY-----\nxyz\n`;
    const blocks = privateKeyBlocks(text);
    expect(blocks).toEqual([
      [6, 6 + key.length],
      [text.indexOf('-----BEGIN EC'), text.length],
    ]);
    expect(privateKeyBlocks('no keys here -----BEGIN CERTIFICATE-----')).toEqual([]);
  });

  test('maskQuoted replaces what every pair of double quotes holds', () => {
    expect(maskQuoted('syntax error near token "MIIEpA": PostgreSQL refuses')).toBe(`syntax error near token "${MASK}": PostgreSQL refuses`);
    expect(maskQuoted('a "b" c "d" e "f')).toBe(`a "${MASK}" c "${MASK}" e "f`);
    expect(maskQuoted('no quotes')).toBe('no quotes');
  });
});

describe('bounded quotes', () => {
  test('boundQuote cuts long text with an ellipsis, at a NUL and keeps surrogate pairs whole', () => {
    expect(boundQuote('short')).toBe('short');
    const long = 'x'.repeat(10_000);
    expect(boundQuote(long)).toHaveLength(QUOTE_MAX_CHARS);
    expect(boundQuote(long).endsWith('…')).toBe(true);
    expect(boundQuote('ab\0cd')).toBe('ab');
    const emoji = 'a'.repeat(QUOTE_MAX_CHARS - 3) + '😀'.repeat(10);
    const cut = boundQuote(emoji);
    expect(cut.endsWith('…')).toBe(true);
    expect(/[\ud800-\udbff]…$/.test(cut)).toBe(false);
  });

  test('boundQuotes bounds every quoted span and leaves the words around them', () => {
    const tok = 'T'.repeat(5000);
    const out = boundQuotes(`invalid connection type "${tok}": PostgreSQL 18 rejects "${tok}"`);
    expect(out).toBe(`invalid connection type "${boundQuote(tok)}": PostgreSQL 18 rejects "${boundQuote(tok)}"`);
    expect(boundQuotes('invalid authentication method "crypt"')).toBe('invalid authentication method "crypt"');
  });

  test('boundQuotedIn bounds the value PostgreSQL quotes, not the parameter name', () => {
    const v = 'v'.repeat(3000);
    expect(boundQuotedIn(`invalid value for parameter "x": "${v}"`, v)).toBe(`invalid value for parameter "x": "${boundQuote(v)}"`);
    expect(boundQuotedIn('invalid value for parameter "x": "8mb"', '8mb')).toBe('invalid value for parameter "x": "8mb"');
  });
});

describe('the quick test before the scan', () => {
  // secretRanges skips the scan when a regular expression finds none of its triggers: it must never
  // skip a text the scan would mask. Texts built from pieces of every trigger, in every case, with
  // separators and near-misses between them (a seeded generator: the same texts each run).
  const pieces = [
    'password', 'PassWord', 'passwd', 'passphrase', 'secret', 'secrets', 'token', 'TOKENS', 'apikey', 'api_key', 'api-key', 'access_key',
    'secret_key', 'credentials', 'credential', 'private_key', 'private-key', 'privatekey', 'authorization', 'Authorization', 'basic', 'Bearer',
    'ghp_', 'gho_', 'ghs_', 'ghu_', 'ghr_', 'github_pat_', 'AKIA', 'ASIA', 'APKA', 'eyJ', 'eyJhbGciOi', '://', 'https://', 'user', ':', '@',
    '=', '"', "'", ' ', '\t', '.', '-', '_', '/', '+', '~', '-----BEGIN', ' PRIVATE KEY-----', '-----END', '\n', 'x', 'Q9', 'abc', 'ZZZZ',
    '0123456789', 'aB3dE5gH7jK9', 'aB3dE5gH7jK9mN2p', 'IOSFODNN7EXAMPLE', 'mN2pQ4rS6tU8vW0xY1zA', GHS, BASIC, JWT, PEM_LINE, 'shared_buffers', 'work_mem = 8MB', 'the assignment that wins',
  ];
  let seed = 20261206;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  test('finds a trigger in every text the scan masks, and the same ranges', () => {
    let masked = 0;
    let skipped = 0;
    for (let t = 0; t < 20_000; t++) {
      let s = '';
      for (let k = 1 + next(8); k > 0; k--) s += pieces[next(pieces.length)];
      const full = scanSecretRanges(s);
      expect(secretRanges(s)).toEqual(full);
      if (full.length) masked++;
      else skipped++;
    }
    // Both kinds of text were generated in numbers.
    expect(masked).toBeGreaterThan(800);
    expect(skipped).toBeGreaterThan(2_000);
  });

  test.each([
    ['a GitHub token of 20 characters', 'x ghp_aB3dE5gH7jK9mN2p y'],
    ['an AWS access key id', 'x AKIAIOSFODNN7EXAMPLE y'],
    ['a short JWT', 'x eyJa.eyJb.cdefghijklmno y'],
    ["a URL's password", 'x a://u:p@h y'],
    ['an Authorization header', 'authorization=abcdef'],
    ['basic and a token', 'x basic abcdefghijk1 y'],
    ['password=', 'password=x'],
    ['passwd=', 'passwd=x'],
    ['passphrase=', 'passphrase=x'],
    ['secret=', 'secret=x'],
    ['token=', 'token=x'],
    ['apikey=', 'apikey=x'],
    ['credential=', 'credential=x'],
    ['a PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nabc'],
    ['a random run of 24', 'x aB3dE5fZ7jK9mN2pQ4rS6tU8 y'],
  ])('%s, in its shortest form, is still found: %s', (_what, s) => {
    expect(secretRanges(s).length).toBeGreaterThan(0);
    expect(secretRanges(s)).toEqual(scanSecretRanges(s));
  });

  test('texts without a trigger are not scanned, texts with one are', () => {
    expect(secretRanges('shared_buffers is set again at line 60 (187MB), so this value (131MB) is ignored')).toEqual([]);
    expect(secretRanges(`x ${'aB3dE5gH7jK9mN2pQ4rS6tU8vW0'} y`)).toEqual(scanSecretRanges(`x ${'aB3dE5gH7jK9mN2pQ4rS6tU8vW0'} y`));
    expect(secretRanges(`x ${'aB3dE5gH7jK9mN2pQ4rS6tU8vW0'} y`).length).toBe(1);
  });
});
