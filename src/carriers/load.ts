import type { FileKind } from '../types.js';
import { isCarrierKind, type CarrierKit } from './types.js';

/**
 * The carrier readers (YAML and each carrier's emulation), loaded on demand: a dynamic import, which
 * esbuild splits into a chunk of its own, so that a run without carrier files never loads `yaml`.
 * The front ends call it when discovery finds a carrier (`needsCarriers`), then pass the kit to
 * lint(), readSettings() and readHba() as `LintOptions.carriers`.
 */
export async function loadCarriers(): Promise<CarrierKit> {
  const { CARRIERS } = await import('./kit.js');
  return CARRIERS;
}

/** Whether any of these file kinds needs the carrier readers. */
export function needsCarriers(kinds: Iterable<FileKind>): boolean {
  for (const k of kinds) if (isCarrierKind(k)) return true;
  return false;
}
