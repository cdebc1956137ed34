// Starts a training worker from rnn-core's TypeScript sources (see register-sources.cjs): worker threads cannot
// use the parent's ts-jest. The published package never uses this file: it starts dist/parallel/worker-entry.js.
const { workerData } = require('node:worker_threads');

require('./register-sources.cjs');
require(workerData.entry);
