import { createCli, type RunCli } from '@rnnkit/common';
import { backtestCommand } from './cli/backtest-command';
import { plotCommand } from './cli/plot-command';
import { predictCommand } from './cli/predict-command';
import { trainCommand } from './cli/train-command';

/** The `forecast` command line: train, predict, backtest, plot. Resolves to the exit status. */
export const runCli: RunCli = createCli({
  name: 'forecast',
  description: 'Probabilistic forecasts from one recurrent network trained across many series, with baselines, backtests and plots.',
  commands: (program, io) => {
    trainCommand(program, io);
    predictCommand(program, io);
    backtestCommand(program, io);
    plotCommand(program, io);
  },
});
