// What discovery looks for in a YAML file's text to tell a CloudNativePG manifest or a container
// running PostgreSQL from any other YAML, without the YAML parser (line-anchored regexes: linear).
// The readers (cnpg.ts, container.ts) decide on the parsed documents; these only choose the kind.

/** A CloudNativePG `Cluster` (postgresql.cnpg.io/v1), anywhere in a multi-document file. */
const CNPG_API = /^apiVersion:[ \t]*["']?postgresql\.cnpg\.io\/v1["']?[ \t]*(?:#.*)?$/m;
const CNPG_KIND = /^kind:[ \t]*["']?Cluster["']?[ \t]*(?:#.*)?$/m;
/** Kubernetes workloads whose pod template (or own spec) lists containers. */
const K8S_WORKLOAD = /^kind:[ \t]*["']?(?:Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Job|CronJob)["']?[ \t]*(?:#.*)?$/m;
/** docker-compose and Compose-spec file names (docker-compose.yml, compose.prod.yaml, …). */
export const COMPOSE_NAME = /^(?:docker-)?compose[^/]*\.ya?ml$/i;

/**
 * The images whose entrypoint is docker-library/postgres's docker-entrypoint.sh: `postgres` (Docker
 * Hub's official image, also as `library/postgres`, behind a registry host or a mirror's
 * `docker/library/` path), and images built FROM it that keep its entrypoint: `postgis/postgis`,
 * `pgvector/pgvector` (and its former name `ankane/pgvector`), `timescale/timescaledb`. A tag and a
 * digest may follow. Other images (bitnami/postgresql, timescale/timescaledb-ha, …) configure the
 * server their own way and are not read.
 */
export const POSTGRES_IMAGE = /^(?:[A-Za-z0-9.-]+(?:\.[A-Za-z0-9-]+|:[0-9]+)\/|localhost\/)?(?:docker\/library\/|library\/)?(postgres|postgis\/postgis|pgvector\/pgvector|ankane\/pgvector|timescale\/timescaledb)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@sha256:[0-9a-fA-F]{64})?$/;
/** An `image:` line naming one of those images (the sniff; the reader checks each container). */
const IMAGE_LINE = /^[ \t-]*image:[ \t]*["']?(?:[A-Za-z0-9.-]+(?:\.[A-Za-z0-9-]+|:[0-9]+)\/|localhost\/)?(?:docker\/library\/|library\/)?(?:postgres|postgis\/postgis|pgvector\/pgvector|ankane\/pgvector|timescale\/timescaledb)(?:[:@][^\s"']*)?["']?[ \t]*(?:#.*)?$/m;

/**
 * The major an image's tag names: `16`, `16.4-bookworm`, `16-alpine` for postgres and postgis
 * (`16-3.4`); pgvector and timescaledb tag the extension's version first and the major as `pg16`
 * (`0.8.0-pg17`, `2.14.2-pg16`, `latest-pg15`). Undefined for `latest`, a bare digest, or no tag.
 */
export function majorOfImage(image: string, tag: string | undefined): number | undefined {
  if (!tag) return undefined;
  const name = POSTGRES_IMAGE.exec(image)?.[1];
  const m = name === 'postgres' || name === 'postgis/postgis' ? /^(\d+)(?:[.\-_]|$)/.exec(tag) : /(?:^|[-_])pg(\d+)(?:[-_.]|$)/.exec(tag);
  return m ? Number(m[1]) : undefined;
}
/** A line that begins with a template's control tag (`{{- if …}}`, `{% for %}`): not YAML until rendered. */
const TEMPLATE_LINE = /^[ \t]*(?:\{\{|\{%)/m;

/**
 * The carrier kind a YAML file's text shows: `cloudnativepg` for a CloudNativePG Cluster manifest,
 * `container` for a Kubernetes workload or (`compose`: the file is named as a Compose file) a
 * Compose file running the postgres image. A file whose lines begin with template tags (a Helm
 * chart's templates/) is left alone: it is linted once rendered.
 */
export function sniffContainerOrCnpg(text: string, compose: boolean): 'cloudnativepg' | 'container' | undefined {
  if (TEMPLATE_LINE.test(text)) return undefined;
  if (CNPG_API.test(text) && CNPG_KIND.test(text)) return 'cloudnativepg';
  if (!IMAGE_LINE.test(text)) return undefined;
  if (compose) return /^services:/m.test(text) ? 'container' : undefined;
  return K8S_WORKLOAD.test(text) ? 'container' : undefined;
}
