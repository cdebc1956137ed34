#!/usr/bin/env node
import { createCli, numberArgument, ProgressLine, RnnkitError, usageError, writeFileAtomic, type CliIo } from '@rnnkit/common';
import { defaultThreads, resumeCheckpoint, selectBackend } from '@rnnkit/rnn-core';
import * as fs from 'node:fs';
import { Command, Option } from 'commander';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { attentionSvg } from './attention-svg';
import { evaluateModel } from './evaluate';
import { exportSeq2SeqLayersDirectory } from './export/seq2seq-layers-node';
import { loadSeq2SeqModel } from './model/model-files';
import type { RecurrentCell } from './model/seq2seq-config';
import { Seq2SeqModel } from './model/seq2seq-model';
import { seq2seqModelKind } from './model/seq2seq-model-kind';
import { shippedModelDir } from './shipped-models';
import { TASKS, type TaskName, getTask } from './tasks/registry';
import type { Split } from './tasks/types';
import { type ArchitectureConfig, TASK_PRESETS } from './training/task-presets';
import { type TrainOptions, type TrainResult, type TrainingState, trainModel } from './training/train-model';
import { buildVocabularies } from './training/vocabularies';
import { type Translation, translate } from './translate';

const NAME = 'seq2seq-demo';

const integer = (flag: string, min: number) => numberArgument(flag, { integer: true, min });
const positive = (flag: string) => numberArgument(flag, { min: 0, exclusiveMin: true });
const nonNegative = (flag: string) => numberArgument(flag, { min: 0 });

const TASK_HELP = `${Object.keys(TASKS).join(', ')}, or numbers with --lang en|pt`;

/** `numbers` stands for numbers-en or numbers-pt, chosen by --lang; every other name must be a task. */
function resolveTask(task: string, lang: string | undefined): TaskName {
  if (task === 'numbers') {
    if (lang !== 'en' && lang !== 'pt') {
      throw usageError('--task numbers needs --lang en or --lang pt (or use --task numbers-en / numbers-pt)');
    }
    return `numbers-${lang}`;
  }
  if (lang !== undefined) throw usageError('--lang is only for --task numbers');
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
    .option('--beam <k>', 'beam width; 1 = greedy decoding (default: 4 for en-fr, else 1)', integer('--beam', 1))
    .option('--length-penalty <alpha>', 'beam search ranks by log p / length^alpha', nonNegative('--length-penalty'), 0.6)
    .option('--max-length <n>', 'most output symbols (default: the model\'s limit)', integer('--max-length', 1));
}

interface ModelFlags {
  task: string;
  lang?: string;
  model?: string;
  beam?: number;
  lengthPenalty: number;
  maxLength?: number;
}

interface TranslateFlags extends ModelFlags {
  format: 'text' | 'json';
  minConfidence?: number;
}

async function openModel(flags: ModelFlags, io: CliIo): Promise<{ task: TaskName; model: Seq2SeqModel }> {
  const task = resolveTask(flags.task, flags.lang);
  await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
  const dir = flags.model ?? shippedModelDir(task);
  const { model, metadata } = loadSeq2SeqModel(dir);
  if (typeof metadata.task === 'string' && metadata.task !== task) {
    model.dispose();
    throw usageError(`${dir} holds a model for task ${metadata.task}, not ${task}`);
  }
  return { task, model };
}

/** Decoding settings from the flags; the beam width defaults to the task preset's. */
function decodeOptions(flags: ModelFlags, task: TaskName) {
  return { beamWidth: flags.beam ?? TASK_PRESETS[task].beam ?? 1, lengthPenalty: flags.lengthPenalty, maxLength: flags.maxLength };
}

/**
 * What the user sees of one translated line: a refusal is an error line on stderr and an empty line (or a JSON
 * object with the refusal) on stdout, so outputs stay aligned with inputs; else the output, with warnings.
 */
function report(io: CliIo, where: string, input: string, t: Translation, model: Seq2SeqModel, format: 'text' | 'json'): string {
  warn(io, where, t, model);
  if (t.refusal !== null) io.stderr(`${NAME}: ${where}: ${t.refusal}\n`);
  if (format === 'text') return `${t.text}\n`;
  const confidence = t.refusal !== null && t.tokens.length === 0 ? null : round(t.confidence);
  return `${JSON.stringify({ input, text: t.text, confidence, refusal: t.refusal })}\n`;
}

/** Warnings about one translated line: unknown symbols, truncation, an output cut at the length limit. */
function warn(io: CliIo, where: string, t: Translation, model: Seq2SeqModel): void {
  if (t.unknown.length > 0 && t.refusal === null) {
    io.stderr(`${NAME}: ${where}: ${t.unknown.map((s) => JSON.stringify(s)).join(', ')} not in the model's vocabulary (read as <unk>)\n`);
  }
  if (t.truncated) {
    const unit = { char: 'characters', token: 'words', subword: 'word pieces' }[model.sourceVocabulary.level];
    const limit = `${model.config.maxSourceLength} ${unit}`;
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
  minutes?: number;
  resume?: boolean;
  seed: number;
  threads?: number;
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
  sourceLevel?: 'char' | 'token' | 'subword';
  targetLevel?: 'char' | 'token' | 'subword';
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

/** Only the entries that were given. */
function given(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
}

type TrainingSettings = Pick<TrainOptions, 'steps' | 'batchSize' | 'learningRate' | 'validateEvery' | 'validationSize' | 'budgetSeconds'> &
  Record<string, unknown>;

/**
 * The model and settings to train with: new ones from the task preset and the flags, or — with --resume — those of
 * the checkpoint in OUT/checkpoint, refusing flags that contradict it.
 */
async function startOrResume(flags: TrainFlags, taskName: TaskName, io: CliIo) {
  const preset = TASK_PRESETS[taskName];
  const checkpointDir = path.join(flags.out, 'checkpoint');
  const requested = given({
    steps: flags.steps, batchSize: flags.batchSize, learningRate: flags.learningRate,
    validateEvery: flags.validateEvery, validationSize: flags.validationSize,
    budgetSeconds: flags.minutes === undefined ? undefined : flags.minutes * 60,
  });
  const { seed, ...requestedArchitecture } = architecture(flags, {});
  if (flags.resume) {
    const checkpoint = await resumeCheckpoint(seq2seqModelKind, checkpointDir, {
      requested: { ...requested, ...requestedArchitecture, sourceLevel: flags.sourceLevel, targetLevel: flags.targetLevel },
      saved: (c) => ({ ...(c.extra.metadata.training as Record<string, unknown>), ...c.model.config }),
    });
    const training = checkpoint.extra.metadata.training as TrainingSettings & { seed: number; sourceLevel: string; targetLevel: string };
    const state = checkpoint.extra.metadata.trainingState as TrainingState;
    io.stderr(`${NAME}: resuming ${taskName} from ${checkpointDir} at update ${state.step} (${Math.round(state.seconds)} s spent)\n`);
    return { model: checkpoint.model, training, resume: { optimizer: checkpoint.optimizer, state }, checkpointDir };
  }
  if (fs.existsSync(path.join(checkpointDir, 'model.json'))) {
    throw usageError(`${checkpointDir} holds the checkpoint of an earlier run: add --resume to continue it, or choose another --out`);
  }
  const task = getTask(taskName);
  const sourceLevel = flags.sourceLevel ?? preset.sourceLevel;
  const targetLevel = flags.targetLevel ?? preset.targetLevel;
  const vocab = buildVocabularies(task, { sourceLevel, targetLevel });
  const model = new Seq2SeqModel({ ...architecture(flags, preset.model), sourceVocabulary: vocab.source, targetVocabulary: vocab.target });
  const training: TrainingSettings = { ...preset.training, ...requested, seed: seed ?? flags.seed, sourceLevel, targetLevel };
  return { model, training, resume: undefined, checkpointDir };
}

async function runTrain(flags: TrainFlags, io: CliIo): Promise<void> {
  const taskName = resolveTask(flags.task, flags.lang);
  const task = getTask(taskName);
  // Not a training setting: a run may be resumed on any number of threads.
  const threads = flags.threads ?? defaultThreads();
  await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
  const { model, training, resume, checkpointDir } = await startOrResume(flags, taskName, io);
  const budget = training.budgetSeconds;
  const levels = `${model.sourceVocabulary.size} (${model.sourceVocabulary.level}) → ${model.targetVocabulary.size} (${model.targetVocabulary.level})`;
  io.stderr(
    `${NAME}: training ${taskName}: ${model.parameterCount} parameters, vocabularies ${levels}, ` +
      `${training.steps} updates of ${training.batchSize} pairs` +
      `${budget ? ` or ${round(budget / 60, 1)} minutes, whichever ends first` : ''} on ${threads} thread${threads === 1 ? '' : 's'}; ` +
      `best model → ${flags.out}\n`,
  );
  const progress = new ProgressLine(io);
  const log = (line: string) => progress.log(line);
  const started = Date.now();
  let recentLoss = 0;
  let result: TrainResult;
  try {
    result = await trainModel(model, task, {
      ...training,
      threads,
      onNotice: (notice) => log(`note: ${notice}`),
      outDir: flags.out,
      checkpointDir,
      resume,
      metadata: { task: taskName, training },
      onStep: (s) => {
        recentLoss = s.step === 1 ? s.loss : 0.98 * recentLoss + 0.02 * s.loss;
        const elapsed = (Date.now() - started) / 1000;
        const seconds = elapsed.toFixed(0);
        progress.update(Math.min(1, Math.max(s.step / training.steps, budget ? elapsed / budget : 0)), `step ${s.step}/${training.steps}: loss ${recentLoss.toFixed(4)}, lr ${s.learningRate.toExponential(2)}, ${seconds} s`);
        if (s.skipped) log(`step ${s.step}: update skipped (non-finite loss or gradient)`);
      },
      onValidation: (v) =>
        log(
          `step ${v.step}: validation loss ${v.loss.toFixed(4)}, exact match ${v.exactMatch.toFixed(4)}, CER ${v.cer.toFixed(4)}, ` +
            `BLEU ${v.bleu.toFixed(4)}${v.improved ? ' — best so far, saved' : ''}`,
        ),
    });
  } finally {
    progress.stop();
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

function addCommands(program: Command, io: CliIo): void {

  taskOptions(program.command('train'))
    .description('train a model for a task; the best model on validation is saved to --out as training goes')
    .requiredOption('--out <dir>', 'model directory to write')
    .option('--steps <n>', 'parameter updates (default: the task preset)', integer('--steps', 1))
    .option('--batch-size <n>', 'pairs per update', integer('--batch-size', 1))
    .option('--learning-rate <x>', 'peak Adam learning rate', positive('--learning-rate'))
    .option('--validate-every <n>', 'updates between validations', integer('--validate-every', 1))
    .option('--validation-size <n>', 'validation pairs decoded each time', integer('--validation-size', 1))
    .option('--resume', 'continue the run whose checkpoint is in OUT/checkpoint (kept at every validation), with its settings')
    .option('--minutes <m>', 'wall-clock budget: stop (after a last validation) once it is spent; the learning-rate schedule follows it (default: the task preset\'s, if any)', positive('--minutes'))
    .option('--seed <n>', 'seed of the initial weights and the training data', integer('--seed', 0), 0)
    .option('--threads <n>', 'threads to train on, each taking a slice of every batch (default: RNNKIT_THREADS, else every core)', integer('--threads', 1))
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
    .addOption(new Option('--source-level <level>', 'source vocabulary').choices(['char', 'token', 'subword']))
    .addOption(new Option('--target-level <level>', 'target vocabulary').choices(['char', 'token', 'subword']))
    .option('--max-source-length <n>', 'longest accepted source, in symbols', integer('--max-source-length', 1))
    .option('--max-target-length <n>', 'longest output, in symbols', integer('--max-target-length', 1))
    .action((flags: TrainFlags) => runTrain(flags, io));

  modelOptions(program.command('translate'))
    .description(
      'translate TEXT arguments, or else every line of stdin (exactly one output line per input line); input outside ' +
        'the task\'s domain is refused: an error line on stderr, an empty output line, exit status 2 at the end',
    )
    .argument('[text...]', 'texts to translate')
    .addOption(new Option('--format <format>', 'text: the translations; json: one object per line with confidence and refusal').choices(['text', 'json']).default('text'))
    .option('--min-confidence <x>', 'refuse outputs whose mean log-probability per output symbol is lower (e.g. -0.5)', numberArgument('--min-confidence', { max: 0 }))
    .action(async (texts: string[], flags: TranslateFlags) => {
      const { task, model } = await openModel(flags, io);
      const options = { ...decodeOptions(flags, task), task: getTask(task), minConfidence: flags.minConfidence };
      let refused = 0;
      let total = 0;
      const run = (lines: string[], where: (k: number) => string) =>
        translate(model, lines, options).map((t, k) => {
          total++;
          if (t.refusal !== null) refused++;
          return report(io, where(k), lines[k], t, model, flags.format);
        });
      try {
        if (texts.length > 0) {
          io.stdout(run(texts, (k) => `argument ${k + 1}`).join(''));
        } else {
          if (!io.stdin) throw usageError('give the texts to translate as arguments (this caller has no standard input)');
          let lineNumber = 0;
          await forEachLineBatch(io.stdin, (lines) => {
            const first = lineNumber;
            lineNumber += lines.length;
            io.stdout(run(lines, (k) => `line ${first + k + 1}`).join(''));
          });
        }
      } finally {
        model.dispose();
      }
      if (refused > 0) {
        const others = refused < total ? '; the others were translated' : '';
        throw new RnnkitError('BAD_INPUT', `${refused} of ${total} inputs refused (see above)${others}`);
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
        const result = evaluateModel(model, pairs, { ...decodeOptions(flags, task), batchSize: 256, tokenize: getTask(task).bleuTokenize });
        const scores = { exact_match: round(result.exactMatch), cer: round(result.cer), bleu: round(result.bleu) };
        io.stdout(`${JSON.stringify({ task, n: result.n, ...scores })}\n`);
      } finally {
        model.dispose();
      }
    });

  taskOptions(program.command('export'))
    .description('write the model\'s encoder and decoder networks in the TensorFlow.js Layers format (OUT/encoder, OUT/decoder); the search loop stays in code')
    .option('--model <dir>', 'model directory (default: the model shipped for the task)')
    .requiredOption('--out <dir>', 'directory to write')
    .action(async (flags: { task: string; lang?: string; model?: string; out: string }) => {
      const { model } = await openModel({ ...flags, beam: 1, lengthPenalty: 0 }, io);
      try {
        await exportSeq2SeqLayersDirectory(model, flags.out);
      } finally {
        model.dispose();
      }
      const files = { encoder: path.join(flags.out, 'encoder', 'model.json'), decoder: path.join(flags.out, 'decoder', 'model.json') };
      io.stdout(`${JSON.stringify(files)}\n`);
    });

  modelOptions(program.command('attention'))
    .description('draw the attention weights of one translation as an SVG heat map (rows: output, columns: input)')
    .argument('<text>', 'text to translate')
    .requiredOption('--out <file>', 'SVG file to write')
    .action(async (text: string, flags: ModelFlags & { out: string }) => {
      if (!flags.out.toLowerCase().endsWith('.svg')) throw usageError(`--out must end in .svg, got "${flags.out}"`);
      const { task, model } = await openModel(flags, io);
      try {
        const [t] = translate(model, [text], { ...decodeOptions(flags, task), attention: true });
        warn(io, 'input', t, model);
        if (t.sourceSymbols.length === 0) throw usageError('the input is empty: there is no attention to draw');
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

}

/**
 * Runs the `seq2seq-demo` command line with `argv` (without node and the script) and resolves to the exit status of
 * the one rnnkit table (see `exitCodeFor` in @rnnkit/common): 0 success, 2 bad usage or input (unknown task, bad
 * option, unreadable or wrong model directory), 1 anything else.
 */
export const runCli = createCli({
  name: NAME,
  description: 'Sequence-to-sequence demo: train, run and inspect encoder–decoder models with attention (see the README).',
  commands: addCommands,
});

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
