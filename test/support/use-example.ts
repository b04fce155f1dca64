import { afterAll, beforeAll } from 'vitest';
import { startExample, type ExampleAdapter, type ExampleApp } from './example-app.js';

/** Starts the adapter's example before the enclosing describe block and stops it after. */
export function useExample(
  adapter: ExampleAdapter,
  options: Record<string, unknown> = {},
  extraEnv: Record<string, string> = {},
): () => ExampleApp {
  let app: ExampleApp | undefined;
  beforeAll(async () => {
    app = await startExample(adapter, options, extraEnv);
  });
  afterAll(async () => {
    await app?.stop();
  });
  return () => {
    if (!app) throw new Error('example app not started');
    return app;
  };
}

export const INCIDENT_ID = /^INCIDENT-\d{4,}$/;
export const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
