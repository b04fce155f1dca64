import type { BlackboxConfig } from '../config/resolve-config.js';

export interface RequestUser {
  userId: string | null;
  isAuthenticated: boolean;
}

const ANONYMOUS: RequestUser = { userId: null, isAuthenticated: false };

/**
 * Calls the app's `resolveUser(request)`; a throwing resolver is reported once and treated as
 * anonymous, because a bug there must not cost the incident.
 */
export function resolveRequestUser(config: BlackboxConfig, raw: unknown): RequestUser {
  if (!config.resolveUser) return ANONYMOUS;
  try {
    const user = config.resolveUser(raw);
    if (user === null || user === undefined) return ANONYMOUS;
    if (typeof user === 'string' || typeof user === 'number') {
      return { userId: String(user).slice(0, 255), isAuthenticated: true };
    }
    const id = user.id === null || user.id === undefined ? null : String(user.id).slice(0, 255);
    return { userId: id, isAuthenticated: user.isAuthenticated ?? id !== null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    config.logger.warnOnce(
      'resolve-user',
      `resolveUser threw (${reason}); recording the request as anonymous.`,
    );
    return ANONYMOUS;
  }
}
