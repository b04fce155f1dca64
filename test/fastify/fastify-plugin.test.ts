import { createRequire } from 'node:module';
import fastify5 from 'fastify';
import fastify4 from 'fastify-v4';
import { describe, expect, it } from 'vitest';
import { Blackbox, BlackboxError, createBlackbox } from '../../src/index.js';
import { blackboxPlugin } from '../../src/adapters/fastify/index.js';

const ESM_BUILD: string = '../../dist/adapters/fastify/index.js';
const quiet = { warn: () => {}, error: () => {} };

describe.each([
  ['fastify 5', fastify5],
  ['fastify 4', fastify4],
] as const)('%s plugin registration', (_name, make) => {
  it('creates, exposes and on close closes its own recorder', async () => {
    const app = make();
    await app.register(blackboxPlugin, { store: 'memory:', logger: quiet });
    expect(app.blackbox).toBeInstanceOf(Blackbox);
    await app.blackbox.ready();
    expect(app.blackbox.stats().store.state).toBe('open');
    await app.close();
    expect(app.blackbox.stats().store.state).toBe('closed');
  });

  it('leaves a recorder it was given open for its owner to close', async () => {
    const recorder = createBlackbox({ store: 'memory:', logger: quiet });
    await recorder.ready();
    const app = make();
    await app.register(blackboxPlugin, recorder);
    expect(app.blackbox).toBe(recorder);
    await app.close();
    expect(recorder.stats().store.state).toBe('open');
    await recorder.close();
  });

  it('fails registration on an invalid option, naming it', async () => {
    const app = make();
    const failure: unknown = await app.register(blackboxPlugin, { sampleRate: 7 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(BlackboxError);
    expect(String(failure)).toContain('sampleRate');
  });
});

describe('the published Fastify adapter', () => {
  it('loads from the ESM and the CommonJS build with the same exports', async () => {
    const require = createRequire(import.meta.url);
    const esm: object = await import(ESM_BUILD);
    const cjs = require('../../dist/adapters/fastify/index.cjs') as object;
    expect(Object.keys(esm)).toEqual(['blackboxPlugin']);
    expect(Object.keys(cjs)).toEqual(['blackboxPlugin']);
  });
});
