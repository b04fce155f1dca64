import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Every adapter folder with an index.ts becomes a subpath entry (`http-blackbox/<name>`).
const adapters = readdirSync('src/adapters').filter((name) =>
  existsSync(`src/adapters/${name}/index.ts`),
);

// One build gives ESM (.js), CommonJS (.cjs) and both declaration flavours, so NestJS apps on
// CommonJS and ESM apps load the same code. The request context lives on globalThis, so the two
// builds share it when both are loaded in one process. `clean` is off so that a build never
// deletes chunks another process is loading; `npm pack` builds from an empty dist (prepack).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(
      adapters.map((name) => [`adapters/${name}/index`, `src/adapters/${name}/index.ts`]),
    ),
    'cli/main': 'src/cli/main.ts',
    // Started as a worker thread by the SQLite store (src/stores/sqlite/sqlite-activity-thread.ts).
    'sqlite-activity-worker': 'src/stores/sqlite/sqlite-activity-worker.ts',
  },
  // Frameworks and drivers are the app's (optional peer dependencies): never bundled.
  external: [
    /^@nestjs\//,
    /^@hono\//,
    /^@koa\//,
    'express',
    'fastify',
    'hono',
    'koa',
    'pg',
    'mysql2',
    'better-sqlite3',
    'reflect-metadata',
    'rxjs',
  ],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: false,
  target: 'node20',
  splitting: true,
  shims: true,
});
