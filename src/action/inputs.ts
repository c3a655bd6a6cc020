import { SUPPORTED_MAJORS, type Major } from '../catalog/types.js';
import { isSupportedMajor } from '../resolve/discover.js';
import { SEVERITIES, type Severity } from '../types.js';
import { findProfile, unknownProfileMessage } from '../profiles/index.js';

export interface ActionInputs {
  paths: string[];
  pgVersion?: Major;
  config?: string;
  /** Profiles laid under the rule settings, in order (input profile, like --profile; replaces the config's profile:). */
  profiles?: string[];
  failOn: Severity | 'never';
  sarifFile?: string;
  review: boolean;
  onlyChanged: boolean;
  /** Finding no configuration file under `paths` passes the step (input allow-empty); by default it fails it. */
  allowEmpty: boolean;
  token: string;
  /** Per GitHub API request, in milliseconds (input api-timeout, in seconds). */
  apiTimeoutMs: number;
  /** For all the Action's GitHub API work, in milliseconds (input api-budget, in seconds). */
  apiBudgetMs: number;
  /** On pull requests, the access and settings diff against the base revision (input pr-diff, default true). */
  prDiff: boolean;
  /** Fail the step when a pull request widens access (input fail-on-access-widening). */
  failOnAccessWidening: boolean;
  /** The login github-token acts as (input token-login); default: asked from the API. */
  tokenLogin?: string;
}

/** A bad input: the action fails with this one line. */
export class InputError extends Error {}

/** YAML 1.2 core-schema booleans, as the runner passes them; empty means the default (false). */
function bool(name: string, raw: string): boolean {
  if (raw === '') return false;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(`input ${name} must be true or false, not "${printable(raw)}"`);
}

/** An input value quoted in an error message: one line, bounded. */
function printable(s: string): string {
  const one = s.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return one.length > 60 ? one.slice(0, 57) + '...' : one;
}

/** Seconds (a positive decimal number, at most `max`) as milliseconds; empty means `dflt` seconds. */
function seconds(name: string, raw: string, dflt: number, max: number): number {
  if (raw === '') return dflt * 1000;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(n > 0) || n > max) throw new InputError(`input ${name} must be a number of seconds above 0 and at most ${max}, not "${printable(raw)}"`);
  return Math.round(n * 1000);
}

/** Reads and validates the inputs; `get` returns the trimmed value or '' (core.getInput). */
export function readInputs(get: (name: string) => string): ActionInputs {
  const paths = get('paths').split(/\s+/).filter(Boolean);
  const failOn = get('fail-on') || 'error';
  if (failOn !== 'never' && !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new InputError(`input fail-on must be error, warning, info or never, not "${printable(failOn)}"`);
  }
  const inputs: ActionInputs = {
    paths: paths.length ? paths : ['.'],
    failOn: failOn as Severity | 'never',
    review: bool('review', get('review')),
    onlyChanged: bool('only-changed', get('only-changed')),
    allowEmpty: bool('allow-empty', get('allow-empty')),
    prDiff: bool('pr-diff', get('pr-diff') || 'true'),
    failOnAccessWidening: bool('fail-on-access-widening', get('fail-on-access-widening')),
    token: get('github-token'),
    apiTimeoutMs: seconds('api-timeout', get('api-timeout'), 30, 3600),
    apiBudgetMs: seconds('api-budget', get('api-budget'), 120, 3600),
  };
  const login = get('token-login');
  if (login) {
    // A GitHub login, or an app's bot login (name[bot]).
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login)) throw new InputError(`input token-login must be a GitHub login such as my-app[bot], not "${printable(login)}"`);
    inputs.tokenLogin = login;
  }
  const v = get('pg-version');
  if (v) {
    const n = Number(v);
    if (!/^\d+$/.test(v) || !isSupportedMajor(n)) {
      throw new InputError(`input pg-version "${printable(v)}" is not supported; use one of ${SUPPORTED_MAJORS.join(', ')}`);
    }
    inputs.pgVersion = n as Major;
  }
  const profiles = get('profile').split(/[\s,]+/).filter(Boolean);
  for (const p of profiles) if (!findProfile(p)) throw new InputError(`input profile: ${unknownProfileMessage(printable(p))}`);
  if (profiles.length) inputs.profiles = profiles;
  const config = get('config');
  if (config) inputs.config = config;
  const sarif = get('sarif-file');
  if (sarif) inputs.sarifFile = sarif;
  return inputs;
}
