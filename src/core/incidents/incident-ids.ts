import { ulid } from 'ulid';
import type { OnceLogger } from '../log/logger.js';

interface Block {
  next: number;
  end: number;
}

export interface IncidentIdOptions {
  prefix: string;
  format: 'counter' | 'ulid' | (() => string);
  blockSize: number;
  /** Reserves `count` numbers in the store; resolves to the first one. */
  reserve: (count: number) => Promise<number>;
  logger: OnceLogger;
}

/**
 * Hands out incident IDs synchronously, so a response never waits for the database. Counter IDs
 * come from blocks reserved in the store and refilled in the background before they run out; with
 * no block at hand (store down or still opening), IDs come from the time-sortable outage
 * namespace (`INCIDENT-` + ULID), which the store later inserts verbatim.
 */
export class IncidentIdAllocator {
  private current: Block = { next: 0, end: 0 };
  private spare: Block | undefined;
  private refilling: Promise<void> | undefined;

  constructor(private readonly options: IncidentIdOptions) {}

  /** The next ID; never throws and never blocks. */
  issue(): string {
    const { format, prefix } = this.options;
    if (typeof format === 'function') return this.fromUser(format);
    if (format === 'ulid') return prefix + ulid();
    if (this.current.next >= this.current.end && this.spare) {
      this.current = this.spare;
      this.spare = undefined;
    }
    const left = this.current.end - this.current.next;
    if (!this.spare && left <= this.options.blockSize / 2) void this.refill();
    if (left > 0) return prefix + formatNumber(this.current.next++);
    return prefix + ulid();
  }

  /** Reserves a block unless one is being reserved already; resolves when that attempt ends. */
  refill(): Promise<void> {
    if (this.options.format !== 'counter') return Promise.resolve();
    this.refilling ??= this.reserveBlock().finally(() => (this.refilling = undefined));
    return this.refilling;
  }

  private async reserveBlock(): Promise<void> {
    try {
      const first = await this.options.reserve(this.options.blockSize);
      const block = { next: first, end: first + this.options.blockSize };
      if (this.current.next >= this.current.end) this.current = block;
      else this.spare = block;
    } catch {
      // The store handle reports the failure; IDs come from the outage namespace meanwhile.
    }
  }

  private fromUser(generate: () => string): string {
    try {
      const id = generate();
      if (typeof id === 'string' && id.length > 0 && id.length <= 120) return id;
    } catch {
      // fall through to a ULID, reported once below
    }
    this.options.logger.warnOnce(
      'incident-id-generator',
      'incidentIdFormat() threw or returned an empty or over-long string; using a ULID instead.',
    );
    return this.options.prefix + ulid();
  }
}

/** At least four digits, growing past 9999 (`0042`, `10000`). */
export function formatNumber(value: number): string {
  return String(value).padStart(4, '0');
}
