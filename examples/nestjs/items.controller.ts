import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { TrackChange } from 'http-blackbox/nestjs';
import { ItemCatalogue, type Item } from '../_shared/items.js';

interface ItemRequest {
  params: { id?: string };
}

/** Change tracking as a Nest user writes it: `before` from a loader, `after` from the result. */
@Controller('items')
export class ItemsController {
  constructor(@Inject(ItemCatalogue) readonly items: ItemCatalogue) {}

  @Post()
  @TrackChange({ action: 'CREATE', object: (item: Item) => ({ type: 'Item', id: item.id }) })
  create(@Body() body: { name: string; price: number }) {
    return this.items.create(body);
  }

  @Patch(':id')
  @TrackChange<ItemRequest, ItemsController>({
    action: 'UPDATE',
    before: (req, self) => self.items.find(Number(req.params.id)),
    object: (item: Item) => ({ type: 'Item', id: item.id }),
  })
  update(@Param('id') id: string, @Body() body: Partial<Omit<Item, 'id'>>) {
    const item = this.items.update(Number(id), body);
    if (!item) throw new NotFoundException('No such item');
    return item;
  }

  @Delete(':id')
  @HttpCode(204)
  @TrackChange<ItemRequest, ItemsController>({
    action: 'DELETE',
    before: (req, self) => self.items.find(Number(req.params.id)),
    object: (_result, before) => ({ type: 'Item', id: (before as Item).id }),
  })
  remove(@Param('id') id: string): void {
    if (!this.items.delete(Number(id))) throw new NotFoundException('No such item');
  }
}
