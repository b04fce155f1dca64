// The same conformance app on Koa 2 (used by the contract suite: `npm run example -- koa2`).
import Koa from 'koa-v2';
import { listeningMessage, readExampleEnv } from '../_shared/example-options.js';
import { createKoaApp } from './app.js';

const env = readExampleEnv();
const { app, blackbox } = createKoaApp(Koa, env.options);
// Waiting for the store (at most a moment) means even the first incident gets a counter ID.
await blackbox.ready();
const server = app.listen(env.port, '127.0.0.1', () => {
  const address = server.address();
  console.log(listeningMessage(typeof address === 'object' && address ? address.port : env.port));
});
