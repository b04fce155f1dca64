import { serverAvailable } from './db-servers.js';
import { defineMultiProcessSuite } from './multi-process-suite.js';

defineMultiProcessSuite('PostgreSQL', 'postgres', await serverAvailable('postgres'));
