import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { listeningMessage, readExampleEnv } from '../_shared/example-options.js';
import { AppModule } from './app.module.js';

/** Starts the conformance app on the given platform (Express when none is given). */
export async function startNestExample(platform?: AbstractHttpAdapter): Promise<void> {
  const env = readExampleEnv();
  const module = AppModule.register(env.options);
  // Nest's start-up lines would drown the one line the tests wait for; errors still show.
  const options = { logger: ['error', 'warn'] as ('error' | 'warn')[] };
  const app = platform
    ? await NestFactory.create(module, platform, options)
    : await NestFactory.create(module, options);
  await app.listen(env.port, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo | null;
  console.log(listeningMessage(address?.port ?? env.port));
}
