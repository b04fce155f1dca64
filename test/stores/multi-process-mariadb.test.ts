import { serverAvailable } from './db-servers.js';
import { defineMultiProcessSuite } from './multi-process-suite.js';

defineMultiProcessSuite('MariaDB', 'mysql', await serverAvailable('mysql'));
