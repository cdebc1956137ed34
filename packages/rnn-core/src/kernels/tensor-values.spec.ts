import { BACKENDS_UNDER_TEST, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { keepValues, peekValues, readValuesInto, tensorFromScratch, tensorsCopyTheirValues } from './tensor-values';

describe.each(BACKENDS_UNDER_TEST)('tensor values on %s', (backend) => {
  useBackend(backend);

  it('peek, keep and read-into give the values dataSync gives', () => {
    const values = randomArray(37, 1);
    const t = tf.tensor2d(values, [37, 1]);
    const before = tf.memory().numTensors;
    expect(Array.from(peekValues(t))).toEqual(Array.from(values));
    expect(Array.from(readValuesInto(t, new Float32Array(37)))).toEqual(Array.from(values));
    const kept = keepValues(t);
    t.dispose();
    expect(Array.from(kept)).toEqual(Array.from(values)); // still readable once the tensor is gone
    expect(tf.memory().numTensors).toBe(before - 1);
  });

  it('keepValues reuses the array it is given on wasm, and leaves it alone elsewhere', () => {
    const t = tf.tensor1d([1, 2, 3]);
    const reuse = new Float32Array(3);
    const kept = keepValues(t, reuse);
    expect(Array.from(kept)).toEqual([1, 2, 3]);
    expect(kept === reuse).toBe(backend === 'wasm');
    t.dispose();
  });

  it('tensorsCopyTheirValues is true only where changing the array afterwards leaves the tensor as it was', () => {
    const values = new Float32Array([1, 2, 3]);
    const t = tf.tensor1d(values);
    values[0] = 99;
    const copied = t.dataSync()[0] === 1;
    t.dispose();
    // Claiming a copy where there is none would corrupt tensors; the converse only costs an allocation.
    if (tensorsCopyTheirValues()) expect(copied).toBe(true);
    expect(tensorsCopyTheirValues()).toBe(backend === 'wasm');
  });

  it('tensorFromScratch makes a tensor of what fill writes, whatever happens to the scratch array later', () => {
    let scratch: Float32Array | null = null;
    const t = tensorFromScratch(4, [2, 2], (out) => {
      scratch = out;
      out.set([1, 2, 3, 4]);
      return out;
    });
    expect(t.shape).toEqual([2, 2]);
    // Where the scratch array went back to the pool, the next user may overwrite it.
    if (tensorsCopyTheirValues()) (scratch as unknown as Float32Array).fill(-1);
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 4]);
    t.dispose();
  });
});
