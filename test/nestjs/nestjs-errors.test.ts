import {
  Body,
  Catch,
  Controller,
  Get,
  Inject,
  Module,
  Post,
  ServiceUnavailableException,
  UseFilters,
  UseGuards,
  type CanActivate,
  ValidationPipe,
  type ArgumentsHost,
  type DynamicModule,
  type ExceptionFilter,
  type INestApplication,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IsNotEmpty, IsString } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { BlackboxModule } from '../../src/adapters/nestjs/index.js';
import {
  PLATFORMS,
  json,
  sqliteFile,
  startNestApp,
  type Platform,
  type RunningNestApp,
} from './nest-app.js';

// Nest-specific error handling the conformance app cannot show: the app's own exception
// filters, global pipes, HttpExceptions of 500 and above.

/** An app filter that catches everything and rewrites the response, as many apps have. */
@Catch()
class RewriteEverythingFilter implements ExceptionFilter {
  constructor(@Inject(HttpAdapterHost) private readonly http: HttpAdapterHost) {}

  catch(_exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<object>();
    this.http.httpAdapter.reply(response, { rewritten: true }, 503);
  }
}

/** A guard whose backend is down: guards run before every interceptor, ours included. */
class BrokenGuard implements CanActivate {
  canActivate(): boolean {
    throw new Error('auth backend down');
  }
}

class CreateThing {
  @IsString()
  @IsNotEmpty()
  name!: string;
}

@Controller()
class ErrorsController {
  @Get('fail')
  fail(): never {
    throw new TypeError('db exploded');
  }

  @Get('fail-filtered')
  @UseFilters(RewriteEverythingFilter)
  failFiltered(): never {
    throw new RangeError('method filter sees this');
  }

  @Get('unavailable')
  unavailable(): never {
    throw new ServiceUnavailableException('maintenance');
  }

  @Post('things')
  create(@Body() body: CreateThing) {
    return { name: body.name };
  }

  @Get('guarded')
  @UseGuards(BrokenGuard)
  guarded() {
    return { unreachable: true };
  }

  @Get('middleware-fails')
  middlewareFails() {
    return { unreachable: true };
  }
}

function errorsModule(store: string): DynamicModule {
  @Module({ controllers: [ErrorsController] })
  class ErrorsModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer
        .apply(function failingMiddleware() {
          throw new Error('middleware exploded');
        })
        .forRoutes('middleware-fails');
    }
  }
  return {
    module: ErrorsModule,
    imports: [BlackboxModule.forRoot({ store, flushIntervalMs: 10, logger: quiet })],
  };
}

const quiet = { warn: () => {}, error: () => {} };

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function start(platform: Platform, configure?: (app: INestApplication) => void) {
  const file = sqliteFile();
  cleanups.push(file.remove);
  const app = await startNestApp(platform, errorsModule(file.store), configure);
  cleanups.push(() => app.close());
  return app;
}

async function expectOneIncident(app: RunningNestApp, response: Response, message: string) {
  const id = response.headers.get('x-incident-id');
  expect(id).toMatch(/^INCIDENT-\d{4,}$/);
  const incidents = await app.incidents();
  expect(incidents).toHaveLength(1);
  expect(incidents[0]).toMatchObject({ incidentId: id, exceptionMessage: message });
  expect(incidents[0]!.occurrenceCount).toBe(1);
}

describe.each(PLATFORMS)('nestjs %s: errors', (platform) => {
  it('answers an unknown error with our body and incident ID, not Nest’s', async () => {
    const app = await start(platform);
    const response = await app.fetch('/fail');
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({
      detail: expect.any(String),
      incident_id: response.headers.get('x-incident-id'),
    });
    await expectOneIncident(app, response, 'db exploded');
    expect((await app.incidents())[0]).toMatchObject({
      exceptionClass: 'TypeError',
      route: '/fail',
    });
  });

  it('records exactly one incident when a global app filter catches everything and rewrites it', async () => {
    const app = await start(platform, (nest) =>
      nest.useGlobalFilters(new RewriteEverythingFilter(nest.get(HttpAdapterHost))),
    );
    const response = await app.fetch('/fail');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ rewritten: true });
    await expectOneIncident(app, response, 'db exploded');
  });

  it('records exactly one incident when a method filter catches everything and rewrites it', async () => {
    const app = await start(platform);
    const response = await app.fetch('/fail-filtered');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ rewritten: true });
    await expectOneIncident(app, response, 'method filter sees this');
  });

  it('keeps a ValidationPipe 400 with Nest’s body and records no incident', async () => {
    const app = await start(platform, (nest) => nest.useGlobalPipes(new ValidationPipe()));
    const response = await app.fetch('/things', json({}));
    expect(response.status).toBe(400);
    expect(response.headers.get('x-incident-id')).toBeNull();
    const body = await response.json();
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.message).toContain('name should not be empty');
    expect(await app.incidents()).toEqual([]);
    const activity = await app.activity(response.headers.get('x-request-id'));
    expect(activity).toMatchObject({ httpStatus: 400, incidentId: null });
  });

  it('captures an HttpException of 503 and answers it with our body at its status', async () => {
    const app = await start(platform);
    const response = await app.fetch('/unavailable');
    expect(response.status).toBe(503);
    expect((await response.json()).incident_id).toBe(response.headers.get('x-incident-id'));
    await expectOneIncident(app, response, 'maintenance');
  });

  it.each([
    ['/guarded', 'auth backend down'],
    ['/middleware-fails', 'middleware exploded'],
  ])('answers an error thrown before any interceptor (%s) with our body', async (path, message) => {
    const app = await start(platform);
    const response = await app.fetch(path);
    expect(response.status).toBe(500);
    expect((await response.json()).incident_id).toBe(response.headers.get('x-incident-id'));
    await expectOneIncident(app, response, message);
    if (path === '/guarded') expect((await app.incidents())[0]?.route).toBe('/guarded');
  });

  it('still records one incident when an app filter answers a guard’s error with a 5xx', async () => {
    // Guards run before every interceptor, so the error itself is out of our sight when the
    // app's filter takes it; its 5xx answer is captured as a server error status instead.
    const app = await start(platform, (nest) =>
      nest.useGlobalFilters(new RewriteEverythingFilter(nest.get(HttpAdapterHost))),
    );
    const response = await app.fetch('/guarded');
    expect(response.status).toBe(503);
    const incidents = await app.incidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      incidentId: response.headers.get('x-incident-id'),
      httpStatus: 503,
    });
  });
});
