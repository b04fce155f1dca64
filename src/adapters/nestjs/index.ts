export {
  BlackboxModule,
  BLACKBOX_MODULE_OPTIONS,
  type BlackboxModuleAsyncOptions,
} from './blackbox-module.js';
export { BlackboxExceptionFilter } from './blackbox-exception-filter.js';
export { BlackboxInterceptor } from './blackbox-interceptor.js';
export { BlackboxMiddleware } from './blackbox-middleware.js';
export { TrackChange, type TrackChangeDecoratorOptions } from './track-change.decorator.js';
export { Blackbox } from '../../index.js';
