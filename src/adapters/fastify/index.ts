export { blackboxPlugin, type BlackboxPluginOptions } from './fastify-plugin.js';
