export {
  wrap,
  type BlackboxRequestListener,
  type NodeAdapterOptions,
  type NodeHandler,
} from './node-adapter.js';
