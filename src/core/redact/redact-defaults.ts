/**
 * Request and response headers whose values are masked by default. A user's `redactHeaders`
 * list is added to these; it cannot remove them.
 *
 * @example
 * createRedaction({ enabled: true, headers: [...DEFAULT_REDACT_HEADERS, 'x-tenant-key'], mask: '***' });
 */
export const DEFAULT_REDACT_HEADERS: readonly string[] = Object.freeze([
  // Basic/Bearer credentials and most API tokens.
  'authorization',
  // Session cookies (connect.sid, __Host-…) and every other cookie the browser sends.
  'cookie',
  // Session cookies the app hands out, seen when response headers are recorded.
  'set-cookie',
  // The most common custom header for API keys.
  'x-api-key',
  // Credentials for a forward proxy; as sensitive as Authorization.
  'proxy-authorization',
  // Token header used by many auth middlewares and SPAs.
  'x-auth-token',
  // A CSRF token lets whoever holds it forge requests for that session.
  'x-csrf-token',
]);

/**
 * Body, query-string and payload keys whose values are masked by default (compared after
 * `normaliseKey`, so `Api-Key`, `API_KEY` and `apiKey` all match `api_key`). A user's
 * `redactFields` list is added to these; it cannot remove them.
 *
 * @example
 * createRedaction({ enabled: true, fields: ['ssn'], mask: '[REDACTED]' }).fieldNames.has('password'); // true
 */
export const DEFAULT_REDACT_FIELDS: readonly string[] = Object.freeze([
  // Login and sign-up forms.
  'password',
  // Short spelling used by older forms and Unix tools.
  'passwd',
  // Change-password forms send the new password, the current one and its confirmation.
  'new_password',
  'current_password',
  'password_confirmation',
  // Generic bearer or reset tokens.
  'token',
  // OAuth 2 access token (also sent as ?access_token=).
  'access_token',
  // OAuth 2 refresh token; long-lived, so worse to leak than the access token.
  'refresh_token',
  // Generic shared secrets, webhook secrets.
  'secret',
  // OAuth client credentials.
  'client_secret',
  // API keys sent in bodies or query strings.
  'api_key',
  // PEM or JWK private keys pasted into settings forms.
  'private_key',
  // OpenID Connect ID token: a signed identity assertion.
  'id_token',
  // One-time passwords: short-lived but enough to finish a login in progress.
  'otp',
  // Credentials echoed into a body by proxies or debugging tools.
  'authorization',
  // Cookie strings copied into payloads.
  'cookie',
  // Session identifiers let their holder act as the user.
  'session',
  // Payment card number (PCI DSS forbids storing it in logs).
  'card_number',
  // Card security code (PCI DSS forbids storing it at all after authorisation).
  'cvv',
]);
