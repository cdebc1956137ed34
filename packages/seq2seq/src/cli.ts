#!/usr/bin/env node
import { ModelFileError, selectBackend, writeFileAtomic } from '@rnnkit/rnn-core';
import { MultiBar, Presets } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import * as readline from 'node:readline';
import { attentionSvg } from './attention-svg';
import { evaluateModel } from './evaluate';
import { loadSeq2SeqModel } from './model/model-files';
import type { RecurrentCell } from './model/seq2seq-config';
import { Seq2SeqModel } from './model/seq2seq-model';
import { Seq2SeqError } from './seq2seq-error';
import { shippedModelDir } from './shipped-models';
import { TaskError } from './tasks/task-error';
import { TASKS, type TaskName, getTask } from './tasks/registry';
import type { Split } from './tasks/types';
import { type ArchitectureConfig, TASK_PRESETS } from './training/task-presets';
import { type TrainResult, trainModel } from './training/train-model';
import { buildVocabularies } from './training/vocabularies';
import { type Translation, translate } from './translate';
import { VocabularyError } from './vocabulary-error';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Lines to translate when `translate` gets no TEXT. */
  stdin: NodeJS.ReadableStream;
  /** Draw a progress bar on the terminal (else `train` logs plain lines). */
  progressBar: boolean;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  progressBar: Boolean(process.stderr.isTTY),
};

const NAME = 'seq2seq-demo';

/** Bad usage: exit status 2 like bad input. */
class UsageError extends Error {}

/** A commander parser for a number option that `accept`s it, else says what it `must` be. */
function numberOption(name: string, must: string, accept: (n: number) => boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || !accept(n)) throw new InvalidArgumentError(`${name} must be ${must}, got "${value}"`);
    return n;
  };
}

function integer(name: string, min: number) {
  return numberOption(name, `an integer ≥ ${min}`, (n) => Number.isInteger(n) && n >= min);
}

function positive(name: string) {
  return numberOption(name, 'a positive number', (n) => n > 0);
}

function nonNegative(name: string) {
  return numberOption(name, 'a number ≥ 0', (n) => n >= 0);
}

const TASK_HELP = `${Object.keys(TASKS).join(', ')}, or numbers with --lang en|pt`;

/** `numbers` stands for numbers-en or numbers-pt, chosen by --lang; every other name must be a task. */
function resolveTask(task: string, lang: string | undefined): TaskName {
  if (task === 'numbers') {
    if (lang !== 'en' && lang !== 'pt') {
      throw new UsageError('--task numbers needs --lang en or --lang pt (or use --task numbers-en / numbers-pt)');
    }
    return `numbers-${lang}`;
  }
  if (lang !== undefined) throw new UsageError('--lang is only for --task numbers');
  getTask(task);
  return task as TaskName;
}

function taskOptions(command: Command): Command {
  return command
    .requiredOption('--task <name>', `task: ${TASK_HELP}`)
    .addOption(new Option('--lang <lang>', 'with --task numbers: target language').choices(['en', 'pt']));
}

function modelOptions(command: Command): Command {
  return taskOptions(command)
    .option('--model <dir>', 'model directory (default: the model shipped for the task)')
    .option('--beam <k>', 'beam width; 1 = greedy decoding', integer('--beam', 1), 1)
    .option('--length-penalty <alpha>', 'beam search ranks by log p / length^alpha', nonNegative('--length-penalty'), 0.6)
    .option('--max-length <n>', 'most output symbols (default: the model\'s limit)', integer('--max-length', 1));
}

interface ModelFlags {
  task: string;
  lang?: string;
  model?: string;
  beam: number;
  lengthPenalty: number;
  maxLength?: number;
}

async function openModel(flags: ModelFlags, io: CliIo): Promise<{ task: TaskName; model: Seq2SeqModel }> {
  const task = resolveTask(flags.task, flags.lang);
  await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
  const dir = flags.model ?? shippedModelDir(task);
  const { model, metadata } = loadSeq2SeqModel(dir);
  if (typeof metadata.task === 'string' && metadata.task !== task) {
    model.dispose();
    throw new UsageError(`${dir} holds a model for task ${metadata.task}, not ${task}`);
  }
  return { task, model };
}

function decodeOptions(flags: ModelFlags) {
  return { beamWidth: flags.beam, lengthPenalty: flags.lengthPenalty, maxLength: flags.maxLength };
}

/** Warnings about one translated line: unknown symbols, truncation, an output cut at the length limit. */
function warn(io: CliIo, where: string, t: Translation, model: Seq2SeqModel): void {
  if (t.unknown.length > 0) {
    io.stderr(`${NAME}: ${where}: ${t.unknown.map((s) => JSON.stringify(s)).join(', ')} not in the model's vocabulary (read as <unk>)\n`);
  }
  if (t.truncated) {
    const limit = `${model.config.maxSourceLength} ${model.sourceVocabulary.level === 'char' ? 'characters' : 'words'}`;
    io.stderr(`${NAME}: ${where}: input is longer than the model's limit of ${limit}; only the first ${model.config.maxSourceLength} were read\n`);
  }
  if (!t.finished) io.stderr(`${NAME}: ${where}: output reached the maximum length without ending\n`);
}

/**
 * Feeds stdin to `handle` in batches: whatever lines have arrived while the previous batch was translated form the
 * next batch, so a pipe is translated in large batches while an interactive user gets each line back at once.
 */
async function forEachLineBatch(input: NodeJS.ReadableStream, handle: (lines: string[]) => void): Promise<void> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity, terminal: false });
  const queue: string[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  rl.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  rl.on('close', () => {
    ended = true;
    wake?.();
  });
  for (;;) {
    if (queue.length === 0) {
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      continue;
    }
    handle(queue.splice(0, 256));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

interface TrainFlags {
  task: string;
  lang?: string;
  out: string;
  steps?: number;
  batchSize?: number;
  learningRate?: number;
  validateEvery?: number;
  validationSize?: number;
  seed: number;
  cell?: RecurrentCell;
  encoderCell?: RecurrentCell;
  decoderCell?: RecurrentCell;
  embeddingSize?: number;
  encoderUnits?: number;
  encoderLayers?: number;
  bidirectional?: boolean;
  decoderUnits?: number;
  attention?: 'additive' | 'multiplicative';
  attentionUnits?: number;
  dropout?: number;
  sourceLevel?: 'char' | 'token';
  targetLevel?: 'char' | 'token';
  maxSourceLength?: number;
  maxTargetLength?: number;
}

function architecture(flags: TrainFlags, preset: ArchitectureConfig): ArchitectureConfig {
  const chosen: ArchitectureConfig = {
    encoderCell: flags.encoderCell ?? flags.cell,
    decoderCell: flags.decoderCell ?? flags.cell,
    embeddingSize: flags.embeddingSize,
    encoderUnits: flags.encoderUnits,
    encoderLayers: flags.encoderLayers,
    bidirectional: flags.bidirectional === false ? false : undefined,
    decoderUnits: flags.decoderUnits,
    attention: flags.attention,
    attentionUnits: flags.attentionUnits,
    dropout: flags.dropout,
    maxSourceLength: flags.maxSourceLength,
    maxTargetLength: flags.maxTargetLength,
    seed: flags.seed,
  };
  const given = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== undefined));
  return { ...preset, ...given };
}

function round(x: number, digits = 6): number {
  return Number(x.toFixed(digits));
}

async function runTrain(flags: TrainFlags, io: CliIo): Promise<void> {
  const taskName = resolveTask(flags.task, flags.lang);
  const task = getTask(taskName);
  const preset = TASK_PRESETS[taskName];
  const training = {
    ...preset.training,
    ...Object.fromEntries(
      Object.entries({
        steps: flags.steps, batchSize: flags.batchSize, learningRate: flags.learningRate,
        validateEvery: flags.validateEvery, validationSize: flags.validationSize,
      }).filter(([, v]) => v !== undefined),
    ),
  };
  const sourceLevel = flags.sourceLevel ?? preset.sourceLevel;
  const targetLevel = flags.targetLevel ?? preset.targetLevel;
  await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
  const vocab = buildVocabularies(task, { sourceLevel, targetLevel });
  const config = architecture(flags, preset.model);
  const model = new Seq2SeqModel({ ...config, sourceVocabulary: vocab.source, targetVocabulary: vocab.target });
  io.stderr(
    `${NAME}: training ${taskName}: ${model.parameterCount} parameters, vocabularies ${vocab.source.size} (${sourceLevel}) → ` +
      `${vocab.target.size} (${targetLevel}), ${training.steps} updates of ${training.batchSize} pairs; best model → ${flags.out}\n`,
  );
  const format = 'step {value}/{total} |{bar}| loss {loss} | {eta_formatted} left';
  const bars = io.progressBar ? new MultiBar({ stream: process.stderr, format, hideCursor: true }, Presets.shades_classic) : null;
  const bar = bars?.create(training.steps, 0, { loss: '-' });
  const log = (line: string) => (bars ? bars.log(`${line}\n`) : io.stderr(`${line}\n`));
  const started = Date.now();
  let recentLoss = 0;
  let result: TrainResult;
  try {
    result = await trainModel(model, task, {
      ...training,
      seed: flags.seed,
      outDir: flags.out,
      metadata: { task: taskName, training: { ...training, seed: flags.seed, sourceLevel, targetLevel } },
      onStep: (s) => {
        recentLoss = s.step === 1 ? s.loss : 0.98 * recentLoss + 0.02 * s.loss;
        bar?.update(s.step, { loss: recentLoss.toFixed(4) });
        if (!bars && s.step % 100 === 0) {
          const seconds = ((Date.now() - started) / 1000).toFixed(0);
          log(`step ${s.step}/${training.steps}: loss ${recentLoss.toFixed(4)}, lr ${s.learningRate.toExponential(2)}, ${seconds} s`);
        }
        if (s.skipped) log(`step ${s.step}: update skipped (non-finite loss or gradient)`);
      },
      onValidation: (v) =>
        log(
          `step ${v.step}: validation loss ${v.loss.toFixed(4)}, exact match ${v.exactMatch.toFixed(4)}, CER ${v.cer.toFixed(4)}, ` +
            `BLEU ${v.bleu.toFixed(4)}${v.improved ? ' — best so far, saved' : ''}`,
        ),
    });
  } finally {
    bars?.stop();
    model.dispose();
  }
  const b = result.best;
  io.stdout(
    `${JSON.stringify({
      task: taskName, out: flags.out, steps: result.steps, skipped_steps: result.skippedSteps, best_step: b.step,
      validation: { exact_match: round(b.exactMatch), cer: round(b.cer), bleu: round(b.bleu), loss: round(b.loss) },
      seconds: Math.round((Date.now() - started) / 1000),
    })}\n`,
  );
}

function buildProgram(io: CliIo): Command {
  const program = new Command(NAME)
    .description('Sequence-to-sequence demo: train, run and inspect encoder–decoder models with attention (see the README).')
    .option('--verbose', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`${NAME}: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    });

  taskOptions(program.command('train'))
    .description('train a model for a task; the best model on validation is saved to --out as training goes')
    .requiredOption('--out <dir>', 'model directory to write')
    .option('--steps <n>', 'parameter updates (default: the task preset)', integer('--steps', 1))
    .option('--batch-size <n>', 'pairs per update', integer('--batch-size', 1))
    .option('--learning-rate <x>', 'peak Adam learning rate', positive('--learning-rate'))
    .option('--validate-every <n>', 'updates between validations', integer('--validate-every', 1))
    .option('--validation-size <n>', 'validation pairs decoded each time', integer('--validation-size', 1))
    .option('--seed <n>', 'seed of the initial weights and the training data', integer('--seed', 0), 0)
    .addOption(new Option('--cell <cell>', 'encoder and decoder cell').choices(['lstm', 'gru']))
    .addOption(new Option('--encoder-cell <cell>', 'encoder cell').choices(['lstm', 'gru']))
    .addOption(new Option('--decoder-cell <cell>', 'decoder cell').choices(['lstm', 'gru']))
    .option('--embedding-size <n>', 'embedding size', integer('--embedding-size', 1))
    .option('--encoder-units <n>', 'units per encoder layer and direction', integer('--encoder-units', 1))
    .option('--encoder-layers <n>', 'stacked encoder layers', integer('--encoder-layers', 1))
    .option('--no-bidirectional', 'a one-way encoder')
    .option('--decoder-units <n>', 'decoder units', integer('--decoder-units', 1))
    .addOption(new Option('--attention <score>', 'attention score').choices(['additive', 'multiplicative']))
    .option('--attention-units <n>', 'attention and attentional-vector size', integer('--attention-units', 1))
    .option('--dropout <rate>', 'input dropout of the recurrent layers', nonNegative('--dropout'))
    .addOption(new Option('--source-level <level>', 'source vocabulary').choices(['char', 'token']))
    .addOption(new Option('--target-level <level>', 'target vocabulary').choices(['char', 'token']))
    .option('--max-source-length <n>', 'longest accepted source, in symbols', integer('--max-source-length', 1))
    .option('--max-target-length <n>', 'longest output, in symbols', integer('--max-target-length', 1))
    .action((flags: TrainFlags) => runTrain(flags, io));

  modelOptions(program.command('translate'))
    .description('translate TEXT arguments, or else every line of stdin (exactly one output line per input line)')
    .argument('[text...]', 'texts to translate')
    .action(async (texts: string[], flags: ModelFlags) => {
      const { model } = await openModel(flags, io);
      try {
        if (texts.length > 0) {
          translate(model, texts, decodeOptions(flags)).forEach((t, i) => {
            warn(io, `argument ${i + 1}`, t, model);
            io.stdout(`${t.text}\n`);
          });
          return;
        }
        let lineNumber = 0;
        await forEachLineBatch(io.stdin, (lines) => {
          const out = translate(model, lines, decodeOptions(flags)).map((t) => {
            warn(io, `line ${++lineNumber}`, t, model);
            return `${t.text}\n`;
          });
          io.stdout(out.join(''));
        });
      } finally {
        model.dispose();
      }
    });

  modelOptions(program.command('eval'))
    .description('score a model on the fixed held-out split; the last stdout line is one JSON object')
    .addOption(new Option('--split <split>', 'held-out split').choices(['test', 'validation']).default('test'))
    .option('--n <n>', 'pairs drawn from the split (task seed 0)', integer('--n', 1), 2000)
    .action(async (flags: ModelFlags & { split: Split; n: number }) => {
      const { task, model } = await openModel(flags, io);
      try {
        const pairs = getTask(task).generate(flags.split, flags.n, 0);
        const result = evaluateModel(model, pairs, { ...decodeOptions(flags), batchSize: 256 });
        const scores = { exact_match: round(result.exactMatch), cer: round(result.cer), bleu: round(result.bleu) };
        io.stdout(`${JSON.stringify({ task, n: result.n, ...scores })}\n`);
      } finally {
        model.dispose();
      }
    });

  modelOptions(program.command('attention'))
    .description('draw the attention weights of one translation as an SVG heat map (rows: output, columns: input)')
    .argument('<text>', 'text to translate')
    .requiredOption('--out <file>', 'SVG file to write')
    .action(async (text: string, flags: ModelFlags & { out: string }) => {
      if (!flags.out.toLowerCase().endsWith('.svg')) throw new UsageError(`--out must end in .svg, got "${flags.out}"`);
      const { model } = await openModel(flags, io);
      try {
        const [t] = translate(model, [text], { ...decodeOptions(flags), attention: true });
        warn(io, 'input', t, model);
        if (t.sourceSymbols.length === 0) throw new UsageError('the input is empty: there is no attention to draw');
        const outputLabels = t.tokens.map((id) => model.targetVocabulary.symbolOf(id));
        if (t.finished) outputLabels.push('</s>');
        const svg = attentionSvg(t.attention ?? [], t.sourceSymbols, outputLabels, { title: `${text} → ${t.text}` });
        writeFileAtomic(flags.out, Buffer.from(svg));
        io.stdout(`${t.text}\n`);
        io.stderr(`wrote ${flags.out} (${outputLabels.length} output × ${t.sourceSymbols.length} input symbols)\n`);
      } finally {
        model.dispose();
      }
    });

  return program;
}

function isBadInput(err: unknown): boolean {
  return (
    err instanceof UsageError || err instanceof TaskError || err instanceof VocabularyError || err instanceof ModelFileError ||
    (err instanceof Seq2SeqError && err.code !== 'bad-model')
  );
}

/**
 * Runs the `seq2seq-demo` command line with `argv` (without node and the script) and returns the exit status:
 * 0 on success, 2 for bad usage or bad input (unknown task, bad option, unreadable model directory), 1 for anything
 * else. Errors are one line on stderr, with the stack only under --verbose.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const verbose = argv.includes('--verbose');
    // Errors from Node's core may come from another realm (e.g. under Jest), so no `instanceof Error` here.
    const { message, stack } = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as Partial<Error>;
    if (isBadInput(err)) {
      io.stderr(`${NAME}: ${message}\n`);
    } else {
      io.stderr(`${NAME}: unexpected failure: ${String(message).split('\n')[0]}${verbose ? '' : ' (run with --verbose for details)'}\n`);
    }
    if (verbose && stack) io.stderr(`${stack}\n`);
    return isBadInput(err) ? 2 : 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
