export { buildErrorResponse } from './error-response.js';
export type {
  ErrorResponse,
  ErrorResponseInput,
  ErrorResponseSettings,
  ErrorPageInfo,
} from './error-response.js';
export { buildJsonBody, JSON_CONTENT_TYPE, PROBLEM_CONTENT_TYPE } from './error-body.js';
export type { ErrorBodyInput, ErrorBodySettings } from './error-body.js';
export { renderDefaultErrorPage } from './error-page.js';
export { reasonPhrase } from './reason-phrase.js';
export { INCIDENT_ID_PLACEHOLDER, replacePlaceholder } from './replace-placeholder.js';
