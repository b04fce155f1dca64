// The stores room's public names; src/index.ts re-exports what users may import.
export { openStore, maskCredentials, type OpenStoreOptions } from './open-store.js';
export { createMemoryStore } from './memory/memory-store.js';
export { createKyselyStore, type KyselyStoreOptions } from './kysely/kysely-store.js';
export { blackboxSchemaSql, migrateBlackbox } from './kysely/kysely-migrate.js';
export { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './kysely/kysely-migrations.js';
export type { SqlDialectName, StoreDialect } from './kysely/kysely-dialect.js';
export type { BlackboxTables } from './kysely/kysely-tables.js';
export { createSqliteKysely } from './sqlite/sqlite-connect.js';
