import { Module, type DynamicModule } from '@nestjs/common';
import { BlackboxModule } from 'http-blackbox/nestjs';
import type { BlackboxOptions } from 'http-blackbox';
import { ItemCatalogue } from '../_shared/items.js';
import { ConformanceController } from './conformance.controller.js';
import { ItemsController } from './items.controller.js';

/** The conformance app's root module: BlackboxModule is the only line http-blackbox asks for. */
@Module({})
export class AppModule {
  static register(options: BlackboxOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [BlackboxModule.forRoot(options)],
      controllers: [ConformanceController, ItemsController],
      providers: [{ provide: ItemCatalogue, useValue: new ItemCatalogue() }],
    };
  }
}
