import { createServer } from 'node:http';
import { listeningMessage, readExampleEnv } from '../_shared/example-options.js';
import { createNodeApp } from './app.js';

const env = readExampleEnv();
const { listener, blackbox } = createNodeApp(env.options);
// Waiting for the store (at most a moment) means even the first incident gets a counter ID.
await blackbox.ready();
const server = createServer(listener);
server.listen(env.port, '127.0.0.1', () => {
  const address = server.address();
  console.log(listeningMessage(typeof address === 'object' && address ? address.port : env.port));
});
