import {
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type MiddlewareConsumer,
  type ModuleMetadata,
  type NestModule,
  type OnApplicationShutdown,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import {
  APP_FILTER,
  APP_INTERCEPTOR,
  HttpAdapterHost,
  type AbstractHttpAdapter,
} from '@nestjs/core';
import { Blackbox, createBlackbox, type BlackboxOptions } from '../../index.js';
import { BlackboxExceptionFilter } from './blackbox-exception-filter.js';
import { BlackboxInterceptor } from './blackbox-interceptor.js';
import { BlackboxMiddleware } from './blackbox-middleware.js';

/**
 * The token of the options given to `forRoot`/`forRootAsync` (a registered symbol, so the ESM
 * and CJS builds agree).
 *
 * @example
 * constructor(@Inject(BLACKBOX_MODULE_OPTIONS) options: BlackboxOptions) {}
 */
export const BLACKBOX_MODULE_OPTIONS = Symbol.for('http-blackbox.nestjs.options');

type OptionsOrRecorder = BlackboxOptions | Blackbox;

/**
 * `forRootAsync`: the options from a factory, typically reading ConfigService.
 *
 * @example
 * const async: BlackboxModuleAsyncOptions = {
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ store: config.getOrThrow('BLACKBOX_STORE') }),
 * };
 */
export interface BlackboxModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest's own factory signature
  useFactory: (...args: any[]) => OptionsOrRecorder | Promise<OptionsOrRecorder>;
  inject?: (InjectionToken | OptionalFactoryDependency)[];
}

/** Recorders this module created, and therefore closes (a Blackbox the app passed in is the app's). */
const owned = new WeakSet<Blackbox>();

/**
 * http-blackbox for NestJS (Express and Fastify platforms): import it once in the root module.
 * It records every request from a middleware, names it from an interceptor, and answers server
 * errors from a global exception filter. The recorder is injectable as `Blackbox`.
 *
 * @example
 * @Module({ imports: [BlackboxModule.forRoot({ store: 'sqlite:./blackbox.sqlite' })] })
 * export class AppModule {}
 */
@Module({})
export class BlackboxModule implements NestModule, OnApplicationShutdown {
  private readonly mountedFirst: boolean;

  constructor(
    @Inject(Blackbox) private readonly recorder: Blackbox,
    @Inject(HttpAdapterHost) adapterHost: HttpAdapterHost,
  ) {
    this.mountedFirst = mountBeforeBodyParsers(adapterHost.httpAdapter, recorder);
  }

  /**
   * @example
   * BlackboxModule.forRoot({ store: 'sqlite:./blackbox.sqlite', dedupWindowSeconds: 60 })
   */
  static forRoot(options: OptionsOrRecorder = {}): DynamicModule {
    return blackboxModule([{ provide: BLACKBOX_MODULE_OPTIONS, useValue: options }], []);
  }

  /**
   * @example
   * BlackboxModule.forRootAsync({
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ store: config.getOrThrow('BLACKBOX_STORE') }),
   * })
   */
  static forRootAsync(options: BlackboxModuleAsyncOptions): DynamicModule {
    const provider = {
      provide: BLACKBOX_MODULE_OPTIONS,
      useFactory: options.useFactory,
      inject: options.inject ?? [],
    };
    return blackboxModule([provider], options.imports ?? []);
  }

  configure(consumer: MiddlewareConsumer): void {
    if (!this.mountedFirst) consumer.apply(BlackboxMiddleware).forRoutes('{*path}');
  }

  async onApplicationShutdown(): Promise<void> {
    if (owned.has(this.recorder)) await this.recorder.close();
  }
}

function blackboxModule(
  providers: NonNullable<DynamicModule['providers']>,
  imports: NonNullable<DynamicModule['imports']>,
): DynamicModule {
  return {
    module: BlackboxModule,
    // Global, so that Nest mounts our middleware before the middleware of the app's modules.
    global: true,
    imports,
    providers: [
      ...providers,
      { provide: Blackbox, useFactory: startRecorder, inject: [BLACKBOX_MODULE_OPTIONS] },
      { provide: APP_FILTER, useClass: BlackboxExceptionFilter },
      { provide: APP_INTERCEPTOR, useClass: BlackboxInterceptor },
    ],
    exports: [Blackbox],
  };
}

/** Creates the recorder and waits for its first ID block, so even the first error gets a counter ID. */
async function startRecorder(options: OptionsOrRecorder): Promise<Blackbox> {
  if (options instanceof Blackbox) return options;
  const recorder = createBlackbox(options);
  owned.add(recorder);
  await recorder.ready();
  return recorder;
}

/**
 * On Express, Nest mounts its body parsers in `app.init()`, before any module's middleware: a
 * body that fails to parse would be answered before our middleware saw the request (no
 * X-Request-ID, no activity). The module is created earlier, in `NestFactory.create()`, so it
 * mounts the middleware on Express itself, ahead of the parsers and of the app's own
 * `app.use()`. Fastify parses bodies after its request hooks, where Nest middleware runs, so
 * there (and without an HTTP adapter yet, as in testing modules) Nest's middleware is used.
 */
function mountBeforeBodyParsers(
  adapter: AbstractHttpAdapter | undefined,
  recorder: Blackbox,
): boolean {
  if (adapter?.getType() !== 'express') return false;
  const middleware = new BlackboxMiddleware(recorder);
  adapter.use(function blackboxMiddleware(...args: Parameters<BlackboxMiddleware['use']>) {
    middleware.use(...args);
  });
  return true;
}
