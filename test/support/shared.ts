import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The project's shared/ folder (corpus, reference catalogs, samples). CI checks the repository out
 * with shared/ beside it; PGCONF_LINT_SHARED overrides. Tests fail loudly when it is missing.
 */
export function sharedDir(): string {
  const candidates = [process.env.PGCONF_LINT_SHARED, join(repo, '..', 'shared'), '/work/shared'].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(join(p, 'corpus')));
  if (!found) throw new Error(`shared/ not found (looked in ${candidates.join(', ')}); set PGCONF_LINT_SHARED`);
  return found;
}

export const shared = (...parts: string[]): string => join(sharedDir(), ...parts);
