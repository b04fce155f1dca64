// The same conformance app on Fastify 4 (used by the contract suite: `npm run example -- fastify4`).
import fastify from 'fastify-v4';
import { listeningMessage, readExampleEnv } from '../_shared/example-options.js';
import { createFastifyApp } from './app.js';

const env = readExampleEnv();
const app = await createFastifyApp(fastify, env.options);
// Waiting for the store (at most a moment) means even the first incident gets a counter ID.
await app.blackbox.ready();
await app.listen({ port: env.port, host: '127.0.0.1' });
const address = app.server.address();
console.log(listeningMessage(typeof address === 'object' && address ? address.port : env.port));
