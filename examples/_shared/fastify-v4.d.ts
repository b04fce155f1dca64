// Fastify 4 is installed under the alias `fastify-v4` for the contract suite; its API is typed
// by Fastify 5's types closely enough for the conformance app.
declare module 'fastify-v4' {
  import fastify from 'fastify';
  export default fastify;
}
