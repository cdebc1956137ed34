import { RnnkitError } from './rnnkit-error';
import { fraction, integerInRange, nonNegativeNumber, numberInRange, oneOf, positiveInteger, positiveNumber } from './validators';

function refuses(run: () => unknown, message: RegExp): void {
  expect(run).toThrow(RnnkitError);
  expect(run).toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringMatching(message) }));
}

describe('validators', () => {
  it('return the value they accept', () => {
    expect(positiveInteger('batchSize', 32)).toBe(32);
    expect(positiveInteger('epochs', 10, 10)).toBe(10);
    expect(integerInRange('layers', 0, 0, 8)).toBe(0);
    expect(numberInRange('lr', 0.5, 0, 1)).toBe(0.5);
    expect(positiveNumber('clip', 1e-9)).toBe(1e-9);
    expect(nonNegativeNumber('seconds', 0)).toBe(0);
    expect(fraction('dropout', 0)).toBe(0);
    expect(oneOf('cell', 'gru', ['lstm', 'gru'] as const)).toBe('gru');
  });

  it('refuse with one line naming the option, the rule and the value', () => {
    refuses(() => positiveInteger('batchSize', 0), /^batchSize must be a positive integer, got 0$/);
    refuses(() => positiveInteger('batchSize', 2.5), /got 2.5/);
    refuses(() => positiveInteger('epochs', 11, 10), /^epochs must be an integer from 1 to 10, got 11$/);
    refuses(() => integerInRange('layers', 9, 0, 8), /from 0 to 8, got 9/);
    refuses(() => numberInRange('lr', NaN, 0, 1), /got NaN/);
    refuses(() => positiveNumber('clip', 0), /> 0, got 0/);
    refuses(() => positiveNumber('clip', Infinity), /got Infinity/);
    refuses(() => nonNegativeNumber('seconds', -1), />= 0, got -1/);
    refuses(() => fraction('dropout', 1), /\[0, 1\), got 1/);
    refuses(() => oneOf('cell', 'rnn', ['lstm', 'gru']), /^cell must be one of lstm, gru, got "rnn"$/);
  });
});
