import { listeningMessage, readExampleEnv } from '../_shared/example-options.js';
import { createFetchApp } from './app.js';
import { serveWebHandler } from './node-bridge.js';

const env = readExampleEnv();
// The framework's request here is the web Request: read the user from its Headers.
env.options.resolveUser = (request) => (request as Request).headers.get('x-user-id');
const { handler, blackbox } = createFetchApp(env.options);
// Waiting for the store (at most a moment) means even the first incident gets a counter ID.
await blackbox.ready();
const server = serveWebHandler(handler);
server.listen(env.port, '127.0.0.1', () => {
  const address = server.address();
  console.log(listeningMessage(typeof address === 'object' && address ? address.port : env.port));
});
