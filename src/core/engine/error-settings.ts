import type { BlackboxConfig } from '../config/resolve-config.js';
import type { ErrorResponseSettings } from '../response/error-response.js';

/** The part of the config that shapes error responses. */
export function errorSettings(config: BlackboxConfig): ErrorResponseSettings {
  return {
    genericErrorMessage: config.genericErrorMessage,
    includeIncidentIdInBody: config.includeIncidentIdInBody,
    customErrorFormat: config.customErrorFormat,
    errorFormat: config.errorFormat,
    renderErrorPage: config.renderErrorPage,
  };
}
