// The conformance app on NestJS with its Express platform: `npm run example -- nestjs`.
import 'reflect-metadata';
import { startNestExample } from './start.js';

await startNestExample();
