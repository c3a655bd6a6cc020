import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The project's shared/ folder beside the repository, for the real-world corpus (shared/corpus).
 * Only the corpus tests (test/corpus/, `npm run test:corpus`) read it; `npm test` never does (its
 * reference data is in test/data/). PGCONF_LINT_SHARED overrides the location. Fails loudly when
 * the corpus is missing: `.ci/run` runs the corpus tests only when ../shared/corpus exists.
 */
export function sharedDir(): string {
  const candidates = [process.env.PGCONF_LINT_SHARED, join(repo, '..', 'shared')].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(join(p, 'corpus')));
  if (!found) throw new Error(`shared/corpus not found (looked in ${candidates.join(', ')}); set PGCONF_LINT_SHARED`);
  return found;
}

export const shared = (...parts: string[]): string => join(sharedDir(), ...parts);
