import type { BlackboxConfig } from '../config/resolve-config.js';
import type { IncidentBook } from '../incidents/incident-book.js';
import type { WriteQueue } from '../writes/write-queue.js';
import type { FinishInfo, RequestScope } from './request-scope.js';

/** Records a finished request as an activity (see core/activity). */
export interface ActivityRecorder {
  /** Whether this request becomes an activity (rolled once, at begin). */
  wants(path: string): boolean;
  record(scope: RequestScope, info: FinishInfo, durationMs: number): void;
}

/** The long-lived pieces every request scope works with. */
export interface EngineParts {
  config: BlackboxConfig;
  book: IncidentBook;
  queue: WriteQueue;
  activities: ActivityRecorder | undefined;
  clock: { now(): number; monotonic(): number };
}
