import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The hono, node and fetch subpaths as users load them: ESM and CommonJS, same names.
const require = createRequire(import.meta.url);
const EXPORTS = {
  hono: ['blackbox', 'blackboxErrorHandler'],
  node: ['wrap'],
  fetch: ['withBlackbox'],
};

describe.each(Object.entries(EXPORTS))('http-blackbox/%s in the published build', (name, names) => {
  it('exports the same names from ESM and CommonJS', async () => {
    const esm = (await import(`../../dist/adapters/${name}/index.js`)) as object;
    const cjs = require(`../../dist/adapters/${name}/index.cjs`) as object;
    expect(Object.keys(esm).sort()).toEqual(names);
    expect(Object.keys(cjs).sort()).toEqual(names);
  });
});
