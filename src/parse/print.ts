import type { ConfFile } from './conf-ast.js';
import type { SourceFile } from '../source/source.js';

/** Reprints a parsed file from its lines' offsets; equals the source text for a lossless parse. */
export function printConf(conf: ConfFile): string {
  const text = conf.file.text;
  return conf.lines.map((line) => text.slice(line.start, line.end)).join('\n');
}

/**
 * Reprints a pg_hba.conf / pg_ident.conf file from its logical lines' offsets and the text between
 * them (blank lines, comments, include directives). Throws when the lines are out of order or
 * overlap, so that equality with the source text shows the tokenizer's ranges partition the file.
 */
export function printAuthFile(file: SourceFile, lines: readonly { file: SourceFile; start: number; end: number }[]): string {
  const text = file.text;
  let out = '';
  let pos = 0;
  for (const l of lines) {
    if (l.file !== file) continue;
    if (l.start < pos || l.end < l.start || l.end > text.length) throw new Error(`line range [${l.start}, ${l.end}) out of order in ${file.path}`);
    out += text.slice(pos, l.start) + text.slice(l.start, l.end);
    pos = l.end;
  }
  return out + text.slice(pos);
}
