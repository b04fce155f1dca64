import { describe } from 'vitest';
import { defineActivityContract } from './contract/activity-contract.js';
import { defineIdContract } from './contract/id-contract.js';
import { defineIncidentListContract } from './contract/incident-list-contract.js';
import { defineIncidentStatusContract } from './contract/incident-status-contract.js';
import { defineIncidentWriteContract } from './contract/incident-write-contract.js';
import { defineReplayPruneContract } from './contract/replay-prune-contract.js';
import { STORE_FACTORIES, useStore } from './store-factories.js';

// One suite, every store: a behaviour that differs between stores is a bug in one of them.
describe.each(STORE_FACTORIES)('$name store', (factory) => {
  const store = useStore(factory);
  describe('incident numbers', () => defineIdContract(store));
  describe('writing incidents', () => defineIncidentWriteContract(store));
  describe('incident status', () => defineIncidentStatusContract(store));
  describe('listing incidents', () => defineIncidentListContract(store));
  describe('activities', () => defineActivityContract(store));
  describe('replay and prune', () => defineReplayPruneContract(store));
});
