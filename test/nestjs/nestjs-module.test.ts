import {
  Controller,
  Get,
  Inject,
  Module,
  Param,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlackbox, tryGetRequestContext } from '../../src/index.js';
import { Blackbox, BlackboxModule } from '../../src/adapters/nestjs/index.js';
import { PLATFORMS, sqliteFile, startNestApp, type Platform } from './nest-app.js';

// The module's wiring: options from ConfigService, route templates and handler names, the order
// of middleware, and who closes the recorder.

@Controller('orders')
class OrdersController {
  constructor(@Inject(Blackbox) private readonly blackbox: Blackbox) {}

  @Get(':id')
  find(@Param('id') id: string): never {
    throw new Error(`order ${id} vanished`);
  }

  @Get(':id/context')
  context(@Param('id') id: string) {
    return {
      id,
      requestId: tryGetRequestContext()?.requestId,
      prefix: this.blackbox.config.incidentIdPrefix,
    };
  }
}

/** The app's own middleware, which must run inside the request context (ours runs first). */
class SeesContextModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(function seesContext(
        req: { headers: Record<string, unknown> },
        _res: unknown,
        next: () => void,
      ) {
        req.headers['x-seen-request-id'] = tryGetRequestContext()?.requestId ?? 'none';
        next();
      })
      .forRoutes('{*path}');
  }
}

const quiet = { warn: () => {}, error: () => {} };

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

function configModule(store: string): DynamicModule {
  @Module({ controllers: [OrdersController] })
  class OrdersModule extends SeesContextModule {}
  return {
    module: OrdersModule,
    imports: [
      ConfigModule.forRoot({
        ignoreEnvFile: true,
        load: [() => ({ BLACKBOX_STORE: store, BLACKBOX_PREFIX: 'CFG-' })],
      }),
      BlackboxModule.forRootAsync({
        imports: [ConfigModule],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          store: config.getOrThrow<string>('BLACKBOX_STORE'),
          incidentIdPrefix: config.getOrThrow<string>('BLACKBOX_PREFIX'),
          flushIntervalMs: 10,
          logger: quiet,
        }),
      }),
    ],
  };
}

async function start(platform: Platform) {
  const file = sqliteFile();
  cleanups.push(file.remove);
  const app = await startNestApp(platform, configModule(file.store), (nest) =>
    nest.setGlobalPrefix('api'),
  );
  cleanups.push(() => app.close());
  return { app, file };
}

describe.each(PLATFORMS)('nestjs %s: module', (platform) => {
  it('forRootAsync reads its options from ConfigService', async () => {
    const { app, file } = await start(platform);
    const response = await app.fetch('/api/orders/12345');
    expect(response.status).toBe(500);
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(/^CFG-\d{4,}$/);
    expect(app.app.get(Blackbox).config.store).toBe(file.store);
    const [incident] = await app.incidents();
    expect(incident).toMatchObject({ incidentId: id, exceptionMessage: 'order 12345 vanished' });
  });

  it('names the activity by the route template, global prefix included, and Controller.method', async () => {
    const { app } = await start(platform);
    const response = await app.fetch('/api/orders/77/context');
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(await response.json()).toEqual({ id: '77', requestId, prefix: 'CFG-' });
    expect(await app.activity(requestId)).toMatchObject({
      route: '/api/orders/:id/context',
      handler: 'OrdersController.context',
      path: '/api/orders/77/context',
    });
    const failed = await app.fetch('/api/orders/99999');
    expect((await app.incidents())[0]?.route).toBe('/api/orders/:id');
    expect(failed.status).toBe(500);
  });

  it('runs its middleware before the app’s own, so theirs sees the request context', async () => {
    const { app } = await start(platform);
    const response = await app.fetch('/api/orders/1/context');
    const activity = await app.activity(response.headers.get('x-request-id'));
    expect(activity?.requestHeaders['x-seen-request-id']).toBe(
      response.headers.get('x-request-id'),
    );
  });

  it('records a request whose JSON body does not parse', async () => {
    const { app } = await start(platform);
    const response = await app.fetch('/api/orders/1/context', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken',
    });
    expect(response.status).toBe(400);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await app.activity(requestId)).toMatchObject({ method: 'POST', httpStatus: 400 });
  });

  it('records requests no route matches', async () => {
    const { app } = await start(platform);
    const response = await app.fetch('/api/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-incident-id')).toBeNull();
    expect(await app.activity(response.headers.get('x-request-id'))).toMatchObject({
      httpStatus: 404,
    });
  });
});

describe('nestjs: who closes the recorder', () => {
  it('closes a recorder it created and leaves one the app passed in open', async () => {
    const file = sqliteFile();
    cleanups.push(file.remove);
    const mine = createBlackbox({ store: file.store, logger: quiet });
    cleanups.push(() => mine.close());
    @Module({ imports: [BlackboxModule.forRoot(mine)] })
    class PassedInModule {}
    const passed = await startNestApp('express', PassedInModule);
    expect(passed.app.get(Blackbox)).toBe(mine);
    await passed.close();
    expect(mine.stats().store.state).not.toBe('closed');

    const other = sqliteFile();
    cleanups.push(other.remove);
    @Module({ imports: [BlackboxModule.forRoot({ store: other.store, logger: quiet })] })
    class OwnedModule {}
    const owned = await startNestApp('express', OwnedModule);
    const recorder = owned.app.get(Blackbox);
    await owned.close();
    expect(recorder.stats().store.state).toBe('closed');
  });
});
