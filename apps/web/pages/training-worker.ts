// A training worker of the text page's data-parallel trainer (started by the text worker, one per extra thread):
// computes the gradients of its rows of each batch on its own tfjs backend.
import { sequenceModelReplica, serveTrainingWorker, type ReplicaFactory } from '@rnnkit/rnn-core';
import { startBackend, type PageBackend } from './backend';

serveTrainingWorker({
  factories: { '@rnnkit/rnn-core#sequenceModelReplica': sequenceModelReplica as ReplicaFactory },
  startBackend: async (name) => {
    await startBackend(name as PageBackend);
  },
});
