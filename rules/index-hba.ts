import type { Rule } from '../src/engine/rule.js';
import hbaAllUsersAllDatabases from './hba-all-users-all-databases.js';
import hbaCleartextPassword from './hba-cleartext-password.js';
import hbaClientCertNotRequired from './hba-client-cert-not-required.js';
import hbaHostsslWithoutSsl from './hba-hostssl-without-ssl.js';
import hbaIdentOverTcp from './hba-ident-over-tcp.js';
import hbaLocalTrust from './hba-local-trust.js';
import hbaMapUndefined from './hba-map-undefined.js';
import hbaMd5 from './hba-md5.js';
import hbaOpenToWorld from './hba-open-to-world.js';
import hbaReplicationOpen from './hba-replication-open.js';
import hbaSuperuserRemote from './hba-superuser-remote.js';
import hbaTlsNotRequired from './hba-tls-not-required.js';
import hbaTrustRemote from './hba-trust-remote.js';
import hbaUnreachableRecord from './hba-unreachable-record.js';
import hbaWideNetwork from './hba-wide-network.js';
import identMapUnused from './ident-map-unused.js';
import listenOnAllAddresses from './listen-on-all-addresses.js';
import sslDisabled from './ssl-disabled.js';

/** pg_hba.conf exposure and security rules (registered in rules/index.ts). */
export const HBA_RULES: readonly Rule[] = [
  hbaOpenToWorld,
  listenOnAllAddresses,
  hbaTrustRemote,
  hbaIdentOverTcp,
  hbaCleartextPassword,
  hbaMd5,
  hbaWideNetwork,
  hbaReplicationOpen,
  hbaUnreachableRecord,
  hbaHostsslWithoutSsl,
  sslDisabled,
  hbaSuperuserRemote,
  hbaLocalTrust,
  hbaTlsNotRequired,
  hbaMapUndefined,
  identMapUnused,
  hbaAllUsersAllDatabases,
  hbaClientCertNotRequired,
];
