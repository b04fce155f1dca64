// Express 4 is installed under the alias `express-v4` for the contract suite; its API is typed
// by @types/express closely enough for the conformance app.
declare module 'express-v4' {
  import express from 'express';
  export default express;
}
