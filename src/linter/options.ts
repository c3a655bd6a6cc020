/*
 * Rule options, declared once. A rule's `options` is a spec built from the helpers below; from it
 * come (a) the JSON Schema of the rule's options in the config file (`optionsSchema`), (b) the
 * defaults (`defaultOptions`), (c) the TypeScript type of `ctx.options` (`OptionsOf<S>`, through
 * the generic `defineRule`), and (d) the Options section of the rule's documentation
 * (src/report/rule-doc.ts, from each option's description and default). No new dependency: a
 * small subset of JSON Schema, enough for the rules' options.
 */

/** One option: its JSON Schema (with the description), its default, and its type `T`. */
export interface OptionSpec<T> {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly default: T;
  readonly description: string;
  /** Only for typing: never set. */
  readonly __type?: T;
}

export type OptionsSpec = Readonly<Record<string, OptionSpec<unknown>>>;

/** The type of `ctx.options` for a spec. */
export type OptionsOf<S extends OptionsSpec> = { readonly [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never };

function spec<T>(schema: Record<string, unknown>, dflt: T, description: string): OptionSpec<T> {
  return { schema: { ...schema, description }, default: dflt, description };
}

export const opt = {
  boolean(dflt: boolean, description: string): OptionSpec<boolean> {
    return spec({ type: 'boolean' }, dflt, description);
  },
  string<const E extends string = string>(dflt: NoInfer<E>, description: string, o: { enum?: readonly E[]; pattern?: string } = {}): OptionSpec<E> {
    return spec({ ...(o.enum ? { enum: [...o.enum] } : { type: 'string' }), ...(o.pattern ? { pattern: o.pattern } : {}) }, dflt, description);
  },
  stringArray<const E extends string = string>(
    dflt: readonly NoInfer<E>[],
    description: string,
    o: { enum?: readonly E[]; pattern?: string; minLength?: number; uniqueItems?: boolean } = {},
  ): OptionSpec<readonly E[]> {
    const items = {
      ...(o.enum ? { enum: [...o.enum] } : { type: 'string' }),
      ...(o.pattern ? { pattern: o.pattern } : {}),
      ...(o.minLength !== undefined ? { minLength: o.minLength } : {}),
    };
    return spec({ type: 'array', items, ...(o.uniqueItems ? { uniqueItems: true } : {}) }, dflt, description);
  },
  number(dflt: number, description: string, o: { minimum?: number; maximum?: number } = {}): OptionSpec<number> {
    return spec({ type: 'number', ...o }, dflt, description);
  },
  integer(dflt: number, description: string, o: { minimum?: number; maximum?: number } = {}): OptionSpec<number> {
    return spec({ type: 'integer', ...o }, dflt, description);
  },
} as const;

/** The JSON Schema of a rule's options object (the `optionsSchema` of the rule metadata). */
export function optionsSchema(s: OptionsSpec): Record<string, unknown> {
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, { ...v.schema }])),
    additionalProperties: false,
  };
}

/** The defaults of a rule's options. */
export function defaultOptions<S extends OptionsSpec>(s: S): OptionsOf<S> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.default])) as OptionsOf<S>;
}

/** One option's type in words, for the docs ("boolean", "list of strings", "`a`, `b` or `c`"). */
export function optionTypeText(o: OptionSpec<unknown>): string {
  const s = o.schema as { type?: string; enum?: unknown[]; items?: { enum?: unknown[] }; minimum?: number; maximum?: number };
  const oneOf = (e: unknown[]): string => e.map((x) => `\`${String(x)}\``).join(', ');
  if (s.enum) return `one of ${oneOf(s.enum)}`;
  if (s.type === 'array') return s.items?.enum ? `list of ${oneOf(s.items.enum)}` : 'list of strings';
  const range = s.minimum !== undefined && s.maximum !== undefined ? ` ${s.minimum}–${s.maximum}` : s.minimum !== undefined ? ` ≥ ${s.minimum}` : s.maximum !== undefined ? ` ≤ ${s.maximum}` : '';
  return `${s.type ?? 'value'}${range}`;
}
