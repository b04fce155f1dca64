/** Why a record did not reach the store. */
export type SpillReason = 'queue_full' | 'store_failed' | 'store_unavailable' | 'shutdown';
/** Why a record was lost altogether (neither stored nor in the fallback file). */
export type DropReason = 'fallback_disabled' | 'fallback_failed' | 'budget_exceeded';

/** Counters readable through `blackbox.stats()`; every record is in exactly one bucket. */
export interface WriteStats {
  stored: { incidentBatches: number; incidentOccurrences: number; activities: number };
  spilled: Record<SpillReason, number>;
  dropped: Record<DropReason, number>;
}

export function createWriteStats(): WriteStats {
  return {
    stored: { incidentBatches: 0, incidentOccurrences: 0, activities: 0 },
    spilled: { queue_full: 0, store_failed: 0, store_unavailable: 0, shutdown: 0 },
    dropped: { fallback_disabled: 0, fallback_failed: 0, budget_exceeded: 0 },
  };
}
