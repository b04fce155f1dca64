// The conformance app on NestJS with its Fastify platform: `npm run example -- nestjs-fastify`.
import 'reflect-metadata';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { startNestExample } from './start.js';

await startNestExample(new FastifyAdapter());
