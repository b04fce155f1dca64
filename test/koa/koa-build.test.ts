import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const ESM_BUILD: string = '../../dist/adapters/koa/index.js';

describe('the published Koa adapter', () => {
  it('loads from the ESM and the CommonJS build with the same exports', async () => {
    const require = createRequire(import.meta.url);
    const esm: object = await import(ESM_BUILD);
    const cjs = require('../../dist/adapters/koa/index.cjs') as object;
    expect(Object.keys(esm)).toEqual(['blackbox']);
    expect(Object.keys(cjs)).toEqual(['blackbox']);
  });
});
