import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, writeFileAtomic } from '@rnnkit/common';
import {
  cosineDecay,
  createOptimizer,
  ctcGreedyDecode,
  DataParallelTrainer,
  defaultThreads,
  resumeCheckpoint,
  saveModelFile,
  SequenceModel,
  setLearningRate,
  tf,
} from '@rnnkit/rnn-core';
import { argmax, BLANK, featureDim, FrontEndConfig, labelsFor, meanLogSoftmax, SPEECH_MODEL_KIND, SpeechModelExtra } from '@rnnkit/speech';
import { bucketBatches, Example, frameTargets, labelTargets, maskFeatures, padBatch } from './batching';
import { confusionPng } from './confusion-image';
import { listClips, Mode, speakersOf } from './dataset';
import { SpeechDemoError } from './errors';
import { runSettings, SPEECH_CHECKPOINT_KIND, type CheckpointExtra } from './training-checkpoint';
import { scoreSequences, scoreWords } from './scoring';
import { speechReplica, speechReplicaSpec } from './training-replica';
import { AugmentPlan, augmentedExamples, cleanExamples, JoinOptions, joinedExamples, LoadedClip, loadClips } from './training-data';

/** Options of {@link train}; the optional augmentation fields are {@link AugmentPlan}'s (absent: the earlier recipe). */
export interface TrainOptions extends Pick<AugmentPlan, 'noiseSnr' | 'noiseColours' | 'reverb' | 'clip' | 'dc'> {
  mode: Mode;
  dataDirs: string[];
  /** Where the best model (by validation) is written; a directory. */
  outDir: string;
  /** Where the latest checkpoint (model + optimizer state) is written. Default `<outDir>/checkpoint`. */
  checkpointDir?: string;
  /** Continue from the checkpoint in `checkpointDir`. */
  resume?: boolean;
  /** Speakers held out for validation; `prefix*` matches every speaker starting with `prefix`. */
  valSpeakers: string[];
  /** Speakers left out entirely (e.g. the test speaker of a leave-one-speaker-out run). */
  excludeSpeakers: string[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Recurrent layers (bidirectional GRU) and units per direction. */
  layers: number;
  units: number;
  /** Input dropout of each recurrent layer while training. */
  dropout: number;
  /** Augmented copies of each training recording, made afresh every epoch. */
  augment: number;
  /** Speed factors drawn for augmentation, e.g. [0.8, 1.2]. */
  speed: readonly [number, number];
  /** Also colour augmented copies as other microphones would (see {@link AugmentPlan}). */
  channel: boolean;
  /** Speakers whose clips are not augmented again (synthetic ones are augmented when made); `prefix*` allowed. */
  augmentExcept: string[];
  /** SpecAugment-style masks per example and step: time masks and feature masks (0 for none). */
  maskTime: number;
  maskFeatures: number;
  /** Sequence mode: strings joined from one-digit training recordings, made afresh every epoch. */
  joined: number;
  /** Sequence mode: digits per joined string. */
  joinedDigits: readonly [number, number];
  /** Sequence mode: pause before, between and after joined digits (ms). */
  pauseMs: readonly [number, number];
  frontEnd: FrontEndConfig;
  seed: number;
  /** Stop after this many updates in total (for quick checks). */
  maxSteps?: number;
  /**
   * Threads to train on (rnn-core's `DataParallelTrainer`: each computes the gradients of a slice of every batch).
   * Default `defaultThreads()` (`RNNKIT_THREADS`, else every core); 1 trains on this thread alone. Each thread
   * draws its own dropout masks, so with dropout runs on different thread counts differ; without, they agree.
   */
  threads?: number;
}

/** What one epoch did. */
export interface EpochSummary {
  epoch: number;
  steps: number;
  /** Mean training loss over the epoch (nats per item; CTC: per string). */
  loss: number;
  /** Word mode: validation accuracy. Sequence mode: validation digit error rate. */
  validation: number;
  seconds: number;
}

/** Receives training progress. */
export interface TrainObserver {
  log?: (line: string) => void;
  epochStart?: (epoch: number, batches: number) => void;
  step?: (done: number, loss: number) => void;
  epochEnd?: (summary: EpochSummary) => void;
}

/** What {@link train} produced. */
export interface TrainResult {
  outDir: string;
  mode: Mode;
  trainExamples: number;
  validationExamples: number;
  trainSpeakers: string[];
  validationSpeakers: string[];
  history: EpochSummary[];
  bestEpoch: number;
  /** Word: validation accuracy. Sequence: validation digit error rate. */
  bestValidation: number;
}

/** True when `speaker` is named by one of the patterns (exact, or `prefix*`). */
export function matchesSpeaker(speaker: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? speaker.startsWith(p.slice(0, -1)) : speaker === p));
}

/**
 * Builds the recognition model of a mode: stacked bidirectional GRUs and a dense output at every step. Word mode
 * classifies every step and averages them (pooling generalises to new speakers better than reading the final
 * state); sequence mode feeds the steps to CTC.
 */
export function buildModel(mode: Mode, frontEnd: FrontEndConfig, layers: number, units: number, dropout: number, seed: number): SequenceModel {
  return new SequenceModel({
    input: { type: 'features', size: featureDim(frontEnd) },
    layers: Array.from({ length: layers }, () => ({ cell: 'gru' as const, units, bidirectional: 'concat' as const, dropout })),
    output: { units: labelsFor(mode).length },
    outputMode: 'sequence',
    seed,
  });
}

/** Recognizes examples in padded batches: the best class (word) or the greedy CTC digits (sequence). */
export function predictExamples(model: SequenceModel, examples: readonly Example[], mode: Mode, batchSize = 64): number[][] {
  const order = examples.map((_, i) => i).sort((a, b) => examples[a].features.steps - examples[b].features.steps);
  const out: number[][] = new Array(examples.length);
  for (let i = 0; i < order.length; i += batchSize) {
    const ids = order.slice(i, i + batchSize);
    const padded = padBatch(ids.map((k) => examples[k]));
    const logits = tf.tidy(() => model.predict(tf.tensor3d(padded.input, [padded.batch, padded.steps, padded.dim]), padded.mask));
    const values = logits.dataSync();
    logits.dispose();
    const classes = values.length / (padded.batch * padded.steps);
    if (mode === 'word') {
      ids.forEach((k, b) => {
        const pooled = meanLogSoftmax(values, b * padded.steps * classes, padded.lengths[b], classes);
        out[k] = [argmax(pooled, 0, classes)];
      });
    } else {
      const decoded = ctcGreedyDecode({ values, shape: [padded.batch, padded.steps, classes] }, { blank: BLANK, inputLengths: padded.lengths });
      ids.forEach((k, b) => (out[k] = decoded[b]));
    }
  }
  return out;
}

function spell(classes: number[], mode: Mode): string {
  const labels = labelsFor(mode);
  return classes.map((c) => labels[c]).join('');
}

interface Validation {
  value: number;
  matrix?: number[][];
}

function validate(model: SequenceModel, examples: readonly Example[], mode: Mode): Validation {
  const predicted = predictExamples(model, examples, mode);
  const pairs = examples.map((e, i) => [spell(e.target, mode), spell(predicted[i], mode)] as const);
  if (mode === 'word') {
    const score = scoreWords(pairs, labelsFor('word'));
    return { value: score.accuracy, matrix: score.matrix };
  }
  return { value: scoreSequences(pairs).digit_error_rate };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

/**
 * Trains a recognizer: reads the clips, holds out the validation speakers, builds features (every epoch with
 * fresh augmented copies, and in sequence mode fresh joined strings), then runs Adam with a cosine schedule and
 * SpecAugment-style masking.
 * After every epoch it validates, writes a checkpoint with the optimizer state, and writes the model to
 * `outDir` when validation improved (word mode also writes `confusion.png` there).
 */
export async function train(options: TrainOptions, observer: TrainObserver = {}): Promise<TrainResult> {
  const log = observer.log ?? (() => undefined);
  const { mode, frontEnd } = options;
  const checkpointDir = options.checkpointDir ?? join(options.outDir, 'checkpoint');
  const threads = options.threads ?? defaultThreads();

  const listing = listClips(options.dataDirs, mode);
  if (listing.skipped.length) log(`skipped ${listing.skipped.length} WAV files whose names do not fit ${mode} mode`);
  const kept = listing.clips.filter((c) => !matchesSpeaker(c.speaker, options.excludeSpeakers));
  const trainClips = kept.filter((c) => !matchesSpeaker(c.speaker, options.valSpeakers));
  const valClips = kept.filter((c) => matchesSpeaker(c.speaker, options.valSpeakers));
  if (trainClips.length === 0) {
    throw new SpeechDemoError('BAD_USAGE', 'no training clips are left after holding out the validation and excluded speakers');
  }
  if (valClips.length === 0) {
    const wanted = options.valSpeakers.join(', ');
    throw new SpeechDemoError('BAD_USAGE', `no clips of the validation speakers (${wanted}); speakers found: ${abbreviate(speakersOf(kept))}`);
  }

  const skip = (file: string, reason: string): void => log(`skipping ${file}: ${reason}`);
  const trainAudio = loadClips(trainClips, frontEnd.sampleRate, skip);
  const valAudio = loadClips(valClips, frontEnd.sampleRate, skip);
  const joinOptions: JoinOptions = { count: options.joined, digits: options.joinedDigits, pauseMs: options.pauseMs, sampleRate: frontEnd.sampleRate };
  const staticExamples = cleanExamples(trainAudio, mode, frontEnd);
  const toAugment = trainAudio.filter((c) => !matchesSpeaker(c.clip.speaker, options.augmentExcept));
  const valExamples = cleanExamples(valAudio, mode, frontEnd);
  if (mode === 'sequence') {
    // Validation strings: joined once from the validation speakers' one-digit clips, with test-like pauses.
    const valJoin = { ...joinOptions, count: Math.min(300, options.joined), pauseMs: [100, 300] as const };
    valExamples.push(...joinedExamples(valAudio, valJoin, frontEnd, options.seed + 1));
  }
  if (staticExamples.length === 0 || valExamples.length === 0) {
    throw new SpeechDemoError('BAD_INPUT', 'no speech found in the training or validation clips');
  }
  const perEpoch = staticExamples.length + toAugment.length * options.augment + (mode === 'sequence' ? options.joined : 0);
  log(
    `${mode} mode: ${trainAudio.length} training clips from ${speakersOf(trainClips).length} speakers, ` +
      `${toAugment.length} of them augmented ${options.augment}× afresh every epoch` +
      `${mode === 'sequence' ? `, + ${options.joined} joined strings per epoch` : ''} (~${perEpoch} examples per epoch); ` +
      `${valExamples.length} validation examples from ${abbreviate(speakersOf(valClips))}`,
  );

  let model: SequenceModel;
  let optimizer: tf.Optimizer;
  let startEpoch = 0;
  let step = 0;
  let history: EpochSummary[] = [];
  let best = { epoch: 0, value: mode === 'word' ? -Infinity : Infinity };
  const settings = runSettings(options);
  if (options.resume) {
    // The checkpoint must exist and match the asked mode, front-end and run settings (every difference is listed).
    const checkpoint = await resumeCheckpoint(SPEECH_CHECKPOINT_KIND, checkpointDir, {
      requested: { mode, frontEnd, ...settings },
      saved: ({ extra }: { extra: CheckpointExtra }) => ({ mode: extra.mode, frontEnd: extra.frontEnd, ...extra.progress.settings }),
    });
    model = checkpoint.model;
    optimizer = checkpoint.optimizer;
    ({ epoch: startEpoch, step, history, best } = checkpoint.extra.progress);
    log(`resuming after epoch ${startEpoch} (step ${step})`);
  } else {
    model = buildModel(mode, frontEnd, options.layers, options.units, options.dropout, options.seed);
    optimizer = createOptimizer({ name: 'adam', learningRate: options.learningRate });
  }
  log(`model: ${options.layers} × bidirectional GRU ${options.units}, ${model.parameterCount} parameters`);

  const batchesPerEpoch = Math.ceil(perEpoch / options.batchSize);
  const totalSteps = Math.min(options.maxSteps ?? Infinity, options.epochs * batchesPerEpoch);
  const warmupSteps = Math.min(200, Math.floor(totalSteps / 10));
  const schedule = cosineDecay(options.learningRate, totalSteps, { warmupSteps, minimum: options.learningRate / 30 });
  const extraBase: SpeechModelExtra = { mode, frontEnd: { ...frontEnd }, labels: labelsFor(mode) };
  mkdirSync(options.outDir, { recursive: true });

  let trainer: DataParallelTrainer | null = null;
  try {
    trainer = await DataParallelTrainer.start({ threads, replica: speechReplicaSpec(model, mode), local: speechReplica(model, mode), optimizer, clipNorm: 5 });
    if (trainer.notice) log(`note: ${trainer.notice}`);
    log(`training on ${trainer.threads} thread${trainer.threads === 1 ? '' : 's'}`);
    for (let epoch = startEpoch + 1; epoch <= options.epochs && step < totalSteps; epoch++) {
      const started = Date.now();
      const epochSeed = options.seed + 100003 * epoch;
      const examples = staticExamples.concat(augmentedExamples(toAugment, mode, frontEnd, options.augment, epochSeed, options));
      if (mode === 'sequence') examples.push(...joinedExamples(trainAudio, joinOptions, frontEnd, epochSeed + 1, options));
      const batches = bucketBatches(examples, options.batchSize, epochSeed + 2);
      const maskRng = createRng(epochSeed + 3);
      const maskOptions = { time: options.maskTime, features: options.maskFeatures, frameDim: 3 * frontEnd.numCeps };
      observer.epochStart?.(epoch, batches.length);
      const losses: number[] = [];
      for (const batch of batches) {
        if (step >= totalSteps) break;
        setLearningRate(optimizer, schedule(step));
        const padded = padBatch(batch);
        maskFeatures(padded, maskRng, maskOptions);
        const targets = mode === 'word' ? frameTargets(padded.targets, padded.steps) : labelTargets(padded.targets);
        const targetIds = { data: targets.dataSync() as Int32Array, shape: targets.shape };
        targets.dispose();
        const result = await trainer.step({
          input: { data: padded.input, shape: [padded.batch, padded.steps, padded.dim] },
          targets: targetIds,
          mask: { data: padded.mask, shape: [padded.batch, padded.steps] },
        });
        if (!result.skipped) losses.push(result.loss);
        step++;
        observer.step?.(losses.length, losses.length ? losses[losses.length - 1] : NaN);
      }
      const validation = validate(model, valExamples, mode);
      const summary: EpochSummary = { epoch, steps: step, loss: mean(losses), validation: validation.value, seconds: (Date.now() - started) / 1000 };
      history.push(summary);
      observer.epochEnd?.(summary);
      const improved = mode === 'word' ? validation.value > best.value : validation.value < best.value;
      if (improved) {
        best = { epoch, value: validation.value };
        const training = { ...trainingNotes(options, trainAudio), epoch, validation: validation.value };
        await saveModelFile(SPEECH_MODEL_KIND, model, options.outDir, { extra: { ...extraBase, training } });
        if (validation.matrix) writeFileAtomic(join(options.outDir, 'confusion.png'), confusionPng(validation.matrix, labelsFor('word')));
      }
      const progress = { epoch, step, history, best, settings };
      await saveModelFile(SPEECH_CHECKPOINT_KIND, model, checkpointDir, { extra: { ...extraBase, progress }, optimizer });
    }
  } finally {
    await trainer?.close();
    model.dispose();
    optimizer.dispose();
  }
  return {
    outDir: options.outDir,
    mode,
    trainExamples: staticExamples.length,
    validationExamples: valExamples.length,
    trainSpeakers: speakersOf(trainClips),
    validationSpeakers: speakersOf(valClips),
    history,
    bestEpoch: best.epoch,
    bestValidation: best.value,
  };
}

/** A speaker list for a log line: the first few names and how many more. */
function abbreviate(names: string[]): string {
  return names.length <= 6 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}

function trainingNotes(options: TrainOptions, trainAudio: LoadedClip[]): Record<string, unknown> {
  return {
    trainClips: trainAudio.length,
    trainSpeakers: speakersOf(trainAudio.map((c) => c.clip)).length,
    validationSpeakers: options.valSpeakers,
    excludedSpeakers: options.excludeSpeakers,
    layers: options.layers,
    units: options.units,
    epochs: options.epochs,
    augment: options.augment,
    speed: options.speed,
    channel: options.channel,
    noiseSnr: options.noiseSnr,
    noiseColours: options.noiseColours,
    reverb: options.reverb,
    clip: options.clip,
    dc: options.dc,
    maskTime: options.maskTime,
    maskFeatures: options.maskFeatures,
    dropout: options.dropout,
    joined: options.joined,
    seed: options.seed,
  };
}
