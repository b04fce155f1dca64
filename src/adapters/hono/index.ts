export { blackbox, blackboxErrorHandler, type BlackboxMiddleware } from './hono-adapter.js';
