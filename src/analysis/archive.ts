import type { RuleContext } from '../linter/rule.js';
import type { SettingView } from '../linter/settings.js';
import type { Loc } from '../types.js';

/**
 * The archiving settings, when archive_mode is written on or always and no archive_library (15+)
 * takes the archiving over: then archive_command is what archives WAL. Null otherwise.
 */
export function commandArchiving(ctx: RuleContext): { mode: SettingView & { loc: Loc }; command: SettingView | undefined; library: SettingView | undefined } | null {
  const mode = ctx.setting('archive_mode');
  if (!mode?.loc || (mode.value !== 'on' && mode.value !== 'always')) return null;
  const library = ctx.setting('archive_library'); // undefined before 15
  if (library && library.value !== '') return null;
  return { mode: { ...mode, loc: mode.loc }, command: ctx.setting('archive_command'), library };
}
