/**
 * Every known difference between our parsers and the real servers. Each entry names its reason
 * and is matched precisely (case id, and the parameter or column when given); the suite fails
 * when an entry stops occurring, so remove it when the difference goes away.
 * Entries tagged `bug` are defects in our parsers (TODO(bug)), reported to their owners.
 */
import type { KnownDifference } from '../support/oracle.js';

export const KNOWN_CONF_DIFFERENCES: readonly KnownDifference[] = [];

export const KNOWN_HBA_DIFFERENCES: readonly KnownDifference[] = [];
