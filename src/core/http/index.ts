export { prefersHtml } from './accept.js';
export { clientIp, normaliseIp } from './client-ip.js';
export type { TrustProxy } from './client-ip.js';
export { acceptRequestId, REQUEST_ID_PATTERN } from './request-id.js';
export { timeOrderedUuid } from './time-ordered-id.js';
