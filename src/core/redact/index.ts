export { DEFAULT_REDACT_FIELDS, DEFAULT_REDACT_HEADERS } from './redact-defaults.js';
export { createRedaction, normaliseKey } from './redaction.js';
export type { Redaction, RedactionOptions } from './redaction.js';
export { redactHeaders } from './redact-headers.js';
export type { HeaderInput } from './redact-headers.js';
export { redactEmbeddedJson, redactValue } from './redact-value.js';
export { decodeComponent, redactFormBody, redactQueryString } from './redact-query.js';
export { redactSecrets } from './redact-secrets.js';
