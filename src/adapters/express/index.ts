export { blackbox, blackboxErrorHandler, type BlackboxMiddleware } from './express-adapter.js';
