import { useBackend } from '@rnnkit/test-utils';
import { Bidirectional } from './bidirectional';
import { Dense } from './dense';
import { Embedding } from './embedding';
import { nameWeights } from './named-weights';
import { RecurrentLayer } from './recurrent-layer';
import { SequenceModel } from './sequence-model';

describe('namedWeights(prefix)', () => {
  useBackend('cpu');

  it('layers name their weights under the prefix they are given', () => {
    const rnn = new RecurrentLayer({ cell: 'lstm', units: 2, inputSize: 3 });
    const bi = new Bidirectional({ cell: 'gru', units: 2, inputSize: 3 });
    const dense = new Dense({ inputSize: 2, units: 4 });
    const embedding = new Embedding({ vocabSize: 5, size: 2 });
    expect(rnn.namedWeights('dec').map((w) => w.name)).toEqual(['dec/kernel', 'dec/recurrent_kernel', 'dec/bias']);
    expect(bi.namedWeights('enc/layer0').map((w) => w.name)).toEqual([
      'enc/layer0/forward/kernel', 'enc/layer0/forward/recurrent_kernel', 'enc/layer0/forward/bias',
      'enc/layer0/backward/kernel', 'enc/layer0/backward/recurrent_kernel', 'enc/layer0/backward/bias',
    ]);
    expect(bi.namedWeights('x').map((w) => w.variable)).toEqual(bi.weights);
    expect(dense.namedWeights('out').map((w) => w.name)).toEqual(['out/kernel', 'out/bias']);
    expect(embedding.namedWeights('emb').map((w) => w.name)).toEqual(['emb/table']);
    [rnn, bi, dense, embedding].forEach((l) => l.dispose());
  });

  it('a SequenceModel keeps the names its saved files have always used', () => {
    const model = new SequenceModel({
      input: { type: 'tokens', vocabSize: 5, embeddingSize: 3 },
      layers: [{ cell: 'lstm', units: 2, bidirectional: 'sum' }, { cell: 'gru', units: 2 }],
      output: { units: 5 },
      outputMode: 'sequence',
    });
    // The names that model.json files written before namedWeights(prefix) existed carry.
    expect(model.namedWeights.map((w) => w.name)).toEqual([
      'embedding/table',
      'layers/0/forward/kernel', 'layers/0/forward/recurrent_kernel', 'layers/0/forward/bias',
      'layers/0/backward/kernel', 'layers/0/backward/recurrent_kernel', 'layers/0/backward/bias',
      'layers/1/kernel', 'layers/1/recurrent_kernel', 'layers/1/bias',
      'output/kernel', 'output/bias',
    ]);
    model.dispose();
  });

  it('refuses a name list that does not fit the weights', () => {
    expect(() => nameWeights('p', ['a'], [])).toThrow(/p: 1 weight names for 0 weights/);
  });
});
