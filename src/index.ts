// The public API. Adapters (ours and users') are written against these exports alone.
export { createBlackbox } from './create-blackbox.js';
export { Blackbox, type BlackboxStats } from './core/engine/blackbox.js';
export type { RequestScope, ErrorOutcome, FinishInfo } from './core/engine/request-scope.js';
export type { RequestSnapshot, HeaderBag } from './core/engine/request-snapshot.js';
export type { ManualCaptureOptions } from './core/engine/manual-capture.js';
export type { BlackboxOptions, ResolvedUser } from './core/config/options-schema.js';
export type { BlackboxConfig } from './core/config/resolve-config.js';
export {
  getRequestContext,
  tryGetRequestContext,
  type RequestContext,
} from './core/context/request-context.js';
export { BlackboxError, type BlackboxErrorCode } from './core/errors/blackbox-error.js';
export { ServerIncident } from './core/errors/server-incident.js';
export { isConnectionLost } from './core/errors/connection-lost.js';
export {
  setActivityChange,
  type ActivityChange,
  type ChangedObject,
} from './core/activity/activity-change.js';
export { trackChange, type TrackChangeOptions } from './core/activity/track-change.js';
export {
  fromNodeRequest,
  trackNodeResponse,
  sendNodeResponse,
  type NodePrototypes,
} from './core/node/node-lifecycle.js';
export { closedScopeOf, scopeOf } from './core/node/node-hooks.js';
export { DEFAULT_REDACT_FIELDS, DEFAULT_REDACT_HEADERS } from './core/redact/index.js';
export type { ErrorResponse, ErrorPageInfo } from './core/response/error-response.js';
export { openStore } from './stores/open-store.js';
export { createMemoryStore } from './stores/memory/memory-store.js';
export type * from './core/store/records.js';
export type * from './core/store/store.js';
export {
  fromWebRequest,
  finishWebResponse,
  webErrorResponse,
  type WebRequestReaders,
  type FinishWebOptions,
} from './core/web/web-lifecycle.js';
export { WebRequestBody } from './core/web/web-request-body.js';
export { plainErrorResponse } from './core/web/plain-error.js';
export { NodeRequestBody } from './core/node/node-request-body.js';
export { createKyselyStore, type KyselyStoreOptions } from './stores/kysely/kysely-store.js';
export { blackboxSchemaSql, migrateBlackbox } from './stores/kysely/kysely-migrate.js';
export type { SqlDialectName, StoreDialect } from './stores/kysely/kysely-dialect.js';
export {
  pruneByAge,
  type PruneByAgeOptions,
  type PruneByAgeResult,
} from './core/retention/prune-by-age.js';
export type { BlackboxPruneOptions } from './core/retention/engine-retention.js';
