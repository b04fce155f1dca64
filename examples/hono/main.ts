import { serve } from '@hono/node-server';
import type { Context } from 'hono';
import { listeningMessage, readExampleEnv } from '../_shared/example-options.js';
import { createHonoApp } from './app.js';

const env = readExampleEnv();
// On Hono, resolveUser receives the Context: read the user from it (here, a header).
env.options.resolveUser = (c) => (c as Context).req.header('x-user-id') ?? null;
const { app, blackbox } = createHonoApp(env.options);
// Waiting for the store (at most a moment) means even the first incident gets a counter ID.
await blackbox.ready();
serve({ fetch: app.fetch, port: env.port, hostname: '127.0.0.1' }, (info) => {
  console.log(listeningMessage(info.port));
});
