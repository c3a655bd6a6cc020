import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * A local stand-in for api.github.com that checks every request the action makes against
 * GitHub's own OpenAPI description (@octokit/openapi): the operation must exist for the method
 * and path, path and query parameters must be declared and valid, and a JSON body must match the
 * operation's request schema. The canned responses are checked against the response schemas
 * too, so that the action is tested against real-shaped data.
 */

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
  $ref?: string;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }>; $ref?: string }>;
}

interface OpenApiSpec {
  paths: Record<string, Record<string, OpenApiOperation | OpenApiParameter[]>>;
  components: {
    parameters: Record<string, OpenApiParameter>;
    examples: Record<string, { value: unknown }>;
    responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  operationId: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface MockReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** `HANG`: the server reads the request and never answers (the connection stays open until close()). */
export const HANG = 'hang' as const;

export type Handler = (req: RecordedRequest, mock: MockGitHub) => MockReply | typeof HANG;

/**
 * GitHub may answer any request with these, whatever the operation declares: a rate limit (429, or
 * 403 with retry-after or x-ratelimit-remaining: 0) or a server error.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
function anyOperationMayAnswer(out: MockReply): boolean {
  const h = Object.fromEntries(Object.entries(out.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  if (out.status === 429 || out.status >= 500) return true;
  return out.status === 403 && (h['retry-after'] !== undefined || h['x-ratelimit-remaining'] === '0');
}

export interface MockGitHub {
  url: string;
  requests: RecordedRequest[];
  /** Every way a request (or a canned response) broke the OpenAPI description. */
  violations: string[];
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

let loaded: { spec: OpenApiSpec; ajv: Ajv; routes: Route[] } | undefined;

interface Route {
  template: string;
  method: string;
  regex: RegExp;
  names: string[];
  op: OpenApiOperation;
  params: OpenApiParameter[];
}

function pointer(...parts: string[]): string {
  return '#/' + parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

function load(): { spec: OpenApiSpec; ajv: Ajv; routes: Route[] } {
  if (loaded) return loaded;
  const path = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(readFileSync(path, 'utf8')) as OpenApiSpec;
  // OpenAPI 3.0 schemas: `nullable` is understood by Ajv; `example`, `x-github` etc. are annotations.
  const ajv = new Ajv({ strict: false, validateFormats: false, validateSchema: false, allErrors: true, coerceTypes: false });
  ajv.addSchema(spec as unknown as Record<string, unknown>, 'gh');
  const deref = (p: OpenApiParameter): OpenApiParameter =>
    p.$ref ? spec.components.parameters[p.$ref.replace('#/components/parameters/', '')]! : p;
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const shared = ((item.parameters as OpenApiParameter[] | undefined) ?? []).map(deref);
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const regex = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)') + '$');
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const o = op as OpenApiOperation;
      routes.push({ template, method: method.toUpperCase(), regex, names, op: o, params: [...shared, ...(o.parameters ?? []).map(deref)] });
    }
  }
  loaded = { spec, ajv, routes };
  return loaded;
}

const validators = new Map<string, ValidateFunction>();
function validator(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    v = load().ajv.compile({ $ref: 'gh' + ref });
    validators.set(ref, v);
  }
  return v;
}

/** A query or path value as the declared type would read it. */
function coerce(value: string, schema: Record<string, unknown> | undefined): unknown {
  const type = schema?.type;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function errorsText(v: ValidateFunction): string {
  return (v.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}

/** The example value of components/examples/NAME from GitHub's description (a deep copy). */
export function example<T>(name: string): T {
  const ex = load().spec.components.examples[name];
  if (!ex) throw new Error(`no example ${name}`);
  return structuredClone(ex.value) as T;
}

export async function startMockGitHub(handlers: Record<string, Handler>): Promise<MockGitHub> {
  const { routes } = load();
  const mock: MockGitHub = { url: '', requests: [], violations: [], close: async () => undefined };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(u.pathname);
    const route = routes.find((r) => r.method === method && r.regex.test(u.pathname));
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    if (!route) {
      mock.violations.push(`${method} ${path}: no such operation in GitHub's REST API`);
      reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const m = route.regex.exec(u.pathname)!;
    const params: Record<string, string> = {};
    route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
    const query: Record<string, string> = {};
    for (const [k, v] of u.searchParams) query[k] = v;
    const where = `${method} ${route.template} (${route.op.operationId})`;
    // Parameters: every path and query parameter must be declared and valid.
    for (const p of route.params) {
      const value = p.in === 'path' ? params[p.name] : p.in === 'query' ? query[p.name] : undefined;
      if (p.in !== 'path' && p.in !== 'query') continue;
      if (value === undefined) {
        if (p.required) mock.violations.push(`${where}: missing required ${p.in} parameter ${p.name}`);
        continue;
      }
      if (p.schema) {
        const v = load().ajv.compile(p.schema);
        if (!v(coerce(value, p.schema))) mock.violations.push(`${where}: ${p.in} parameter ${p.name}=${value}: ${errorsText(v)}`);
      }
    }
    for (const k of Object.keys(query)) {
      if (!route.params.some((p) => p.in === 'query' && p.name === k)) mock.violations.push(`${where}: undeclared query parameter ${k}`);
    }
    // Body: JSON matching the request schema.
    let body: unknown;
    const media = route.op.requestBody?.content?.['application/json'];
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        mock.violations.push(`${where}: body is not JSON`);
      }
      if (!media) mock.violations.push(`${where}: the operation takes no JSON body`);
      else if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) mock.violations.push(`${where}: content-type is ${req.headers['content-type']}`);
      else {
        const v = validator(pointer('paths', route.template, route.method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema'));
        if (!v(body)) mock.violations.push(`${where}: body: ${errorsText(v)}`);
      }
    } else if (route.op.requestBody?.required) mock.violations.push(`${where}: missing required body`);

    const recorded: RecordedRequest = { method, url: req.url ?? '', operationId: route.op.operationId, params, query, headers: req.headers, body };
    mock.requests.push(recorded);
    const handler = handlers[route.op.operationId];
    if (!handler) {
      mock.violations.push(`${where}: unexpected call (no handler)`);
      reply(500, { message: 'unexpected call' });
      return;
    }
    const out = handler(recorded, mock);
    if (out === HANG) return;
    // The canned response must match the description of that status, when it has a JSON schema.
    const resp = route.op.responses[String(out.status)];
    if (!resp && anyOperationMayAnswer(out)) {
      reply(out.status, out.body, out.headers);
      return;
    }
    if (!resp) mock.violations.push(`${where}: the test answers ${out.status}, which the operation does not declare`);
    else {
      const target = resp.$ref ? resp.$ref : pointer('paths', route.template, route.method.toLowerCase(), 'responses', String(out.status));
      const r = resp.$ref ? load().spec.components.responses[resp.$ref.replace('#/components/responses/', '')] : resp;
      if (r?.content?.['application/json']?.schema) {
        const v = validator(target + '/content/application~1json/schema');
        if (!v(out.body)) mock.violations.push(`${where}: canned ${out.status} response: ${errorsText(v)}`);
      }
    }
    reply(out.status, out.body, out.headers);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        mock.violations.push(`mock server error: ${String(err)}`);
        res.writeHead(500);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  mock.url = `http://127.0.0.1:${port}`;
  mock.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Requests left hanging (HANG) would keep the server open.
      server.closeAllConnections();
    });
  return mock;
}
