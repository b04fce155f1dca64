export { blackbox, type BlackboxKoaMiddleware } from './koa-middleware.js';
