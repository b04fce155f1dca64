import { defineConfig } from 'tsup';

// One build gives ESM (.js), CommonJS (.cjs) and both declaration flavours, so NestJS apps on
// CommonJS and ESM apps load the same code. The request context lives on globalThis, so the two
// builds share it when both are loaded in one process.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'adapters/express/index': 'src/adapters/express/index.ts',
    'cli/main': 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  shims: true,
});
