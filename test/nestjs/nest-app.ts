import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { openStore, type StoredActivity, type StoredIncident } from '../../src/index.js';
import { Blackbox } from '../../src/adapters/nestjs/index.js';

export const PLATFORMS = ['express', 'fastify'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface RunningNestApp {
  url: string;
  app: INestApplication;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Every incident stored so far (after a flush). */
  incidents(): Promise<StoredIncident[]>;
  /** The activity of one request, by its X-Request-ID (after a flush). */
  activity(requestId: string | null): Promise<StoredActivity | undefined>;
  close(): Promise<void>;
}

/** A fresh SQLite file in its own directory, and the `store` option pointing at it. */
export function sqliteFile(): { store: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'blackbox-nestjs-'));
  return {
    store: `sqlite:${join(dir, 'blackbox.sqlite')}`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts a real Nest app on the platform, on a free loopback port. */
export async function startNestApp(
  platform: Platform,
  module: Type | DynamicModule,
  configure: (app: INestApplication) => void = () => {},
): Promise<RunningNestApp> {
  const options = { logger: false as const };
  const app =
    platform === 'fastify'
      ? await NestFactory.create(module, new FastifyAdapter(), options)
      : await NestFactory.create(module, options);
  configure(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const recorder = app.get(Blackbox);
  const store = openStore(recorder.config.store as string);
  await store.open();
  return {
    url,
    app,
    fetch: (path, init) => fetch(url + path, { redirect: 'manual', ...init }),
    incidents: async () => {
      await recorder.flush();
      return (await store.listIncidents({ limit: 200 })).results;
    },
    activity: async (requestId) => {
      await recorder.flush();
      if (!requestId) return undefined;
      return (await store.listActivities({ requestId, limit: 1 })).results[0];
    },
    close: async () => {
      await store.close();
      await app.close();
    },
  };
}

export const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
