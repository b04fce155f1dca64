import { defineMultiProcessSuite } from './multi-process-suite.js';

defineMultiProcessSuite('SQLite (one file)', 'sqlite');
