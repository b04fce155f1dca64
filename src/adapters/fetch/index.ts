export {
  withBlackbox,
  type BlackboxFetchHandler,
  type FetchAdapterOptions,
  type FetchHandler,
} from './fetch-adapter.js';
