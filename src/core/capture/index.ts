export { exceptionIgnored, pathMatchesAny, sampled, statusMatches } from './capture-rules.js';
export type { ExceptionRule, StatusRule } from './capture-rules.js';
export { computeFingerprint, normaliseMessage } from './fingerprint.js';
