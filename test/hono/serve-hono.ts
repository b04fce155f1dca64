import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { Blackbox } from '../../src/index.js';
import { blackbox, blackboxErrorHandler } from '../../src/adapters/hono/index.js';
import { memoryRecorder } from '../support/memory-recorder.js';

// A real Hono app on @hono/node-server (or called directly, as web runtimes do), recording
// into the memory store. Call `useHonoCleanup()` once per test file.
let cleanups: (() => Promise<void>)[] = [];
export function useHonoCleanup(): void {
  afterEach(async () => {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
    cleanups = [];
  });
}

export const INCIDENT_ID = /^INCIDENT-\d{4,}$/;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A recorder on a fresh memory store, and a poller for its rows. */
export async function honoRecorder() {
  const { recorder, incidents, activities } = await memoryRecorder();
  cleanups.push(() => recorder.close());
  return {
    recorder,
    incidents,
    activities,
  };
}

/** An app with the middleware (and, unless told otherwise, our onError) around `build`. */
export function honoApp(recorder: Blackbox, build: (app: Hono) => void, ourOnError = true): Hono {
  const app = new Hono();
  app.use(blackbox(recorder));
  if (ourOnError) app.onError(blackboxErrorHandler());
  build(app);
  return app;
}

export async function serveApp(build: (app: Hono) => void, options: { ourOnError?: boolean } = {}) {
  const { recorder, incidents, activities } = await honoRecorder();
  const app = honoApp(recorder, build, options.ourOnError !== false);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${port}`, incidents, activities };
}
