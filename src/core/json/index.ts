export {
  toJsonSafe,
  DEFAULT_JSON_MAX_DEPTH,
  DEFAULT_JSON_MAX_KEYS,
  DEFAULT_JSON_MAX_NODES,
} from './json-safe.js';
export type { JsonSafeOptions } from './json-safe.js';
export { diffObjects, jsonEqual } from './diff.js';
export { setOwn } from './set-own.js';
