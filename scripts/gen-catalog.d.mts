import type { CatalogFile } from '../src/catalog/catalog.js';

export const DATA_DIR: string;
export function serialize(doc: Record<string, unknown>, expand: Set<string>): string;
export function serializeCatalog(c: CatalogFile): string;
/** Generate <major>.json for each major into outDir (default src/catalog/data) and history.json from all files there. */
export function generate(opts?: {
  majors?: readonly number[];
  outDir?: string;
  log?: (msg: string) => void;
}): Promise<CatalogFile[]>;
