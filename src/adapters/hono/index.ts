export {
  blackbox,
  blackboxErrorHandler,
  type BlackboxEnv,
  type BlackboxMiddleware,
} from './hono-adapter.js';
