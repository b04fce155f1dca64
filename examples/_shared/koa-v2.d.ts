// Koa 2 is installed under the alias `koa-v2` for the contract suite; its API is typed by
// @types/koa (written for Koa 3) closely enough for the conformance app.
declare module 'koa-v2' {
  import Koa from 'koa';
  export default Koa;
}
