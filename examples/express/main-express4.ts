// The same conformance app on Express 4 (used by the contract suite: `npm run example -- express4`).
import express from 'express-v4';
import { listeningMessage, readExampleEnv } from '../_shared/example-options.js';
import { createExpressApp } from './app.js';

const env = readExampleEnv();
const { app, blackbox } = createExpressApp(express as never, env.options);
// Waiting for the store (at most a moment) means even the first incident gets a counter ID.
await blackbox.ready();
const server = app.listen(env.port, '127.0.0.1', () => {
  const address = server.address();
  console.log(listeningMessage(typeof address === 'object' && address ? address.port : env.port));
});
