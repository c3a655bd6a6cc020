import type { AuthFileIO } from '../../src/parse/auth-tokens.js';
import { createSourceFile } from '../../src/source/source.js';

/** An in-memory tree for the pg_hba/pg_ident readers, rooted at /data; `reads` records every path opened. */
export function memIO(files: Record<string, string>, root = '/data'): AuthFileIO & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read(p) {
      reads.push(p);
      const text = files[p];
      return text === undefined ? { ok: false, error: 'No such file or directory', missing: true } : { ok: true, file: createSourceFile(p.slice(1), p, text) };
    },
    listDir(p) {
      const prefix = p + '/';
      const names = Object.keys(files).filter((f) => f.startsWith(prefix));
      if (names.length === 0) return { ok: false, error: 'No such file or directory', missing: true };
      const entries = new Map<string, boolean>();
      for (const f of names) {
        const rest = f.slice(prefix.length);
        entries.set(rest.split('/')[0]!, rest.includes('/'));
      }
      return { ok: true, entries: [...entries].map(([name, isDirectory]) => ({ name, isDirectory })) };
    },
    allowed: (p) => p === root || p.startsWith(root + '/'),
  };
}
