import type { ConfFile } from './conf-ast.js';

/** Reprints a parsed file from its lines' offsets; equals the source text for a lossless parse. */
export function printConf(conf: ConfFile): string {
  const text = conf.file.text;
  return conf.lines.map((line) => text.slice(line.start, line.end)).join('\n');
}
