#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { AudioFeaturesError, NOISE_COLOURS, type NoiseColour } from '@rnnkit/audio-features';
import {
  createCli,
  numberArgument,
  ProgressLine,
  processIo,
  usageError,
  writeFileAtomic,
  type CliIo,
  type CliStatus,
} from '@rnnkit/common';
import { selectBackend } from '@rnnkit/rnn-core';
import { DEFAULT_FRONT_END, defaultFrontEnd, type DitherConfig } from '@rnnkit/speech';
import { readClip } from './audio-input';
import { CONDITION_HELP, conditionSeed, parseCondition } from './conditions';
import { confusionPng } from './confusion-image';
import { listClips, Mode, speakersOf } from './dataset';
import { SpeechDemoError } from './errors';
import { writeJoinedStrings } from './join-command';
import { exportCommand, type ExportFlags } from './layers-command';
import { ListenFormat, listen, openWavInput } from './listen-command';
import { Decoder, Recognizer } from './recognizer';
import { scoreSequences, scoreWords } from './scoring';
import { prepareData } from './synthetic-data';
import { train, TrainOptions } from './training';

/** Where the command line writes, and how it gets a tfjs backend; tests pass their own. */
export interface SpeechDemoIo extends CliIo {
  /** Called before a command first needs tfjs (the real CLI picks the fastest backend here). */
  prepareBackend?: () => Promise<void>;
}

const speechDemoIo: SpeechDemoIo = {
  stdout: processIo.stdout,
  stderr: processIo.stderr,
  stderrIsTty: processIo.stderrIsTty,
  prepareBackend: async () => {
    await selectBackend();
  },
};

const integer = (flag: string, min: number, max = Infinity) => numberArgument(flag, { integer: true, min, max });
const positive = (flag: string) => numberArgument(flag, { min: 0, exclusiveMin: true });
const fraction = (flag: string) => numberArgument(flag, { min: 0, max: 1, exclusiveMax: true });
const share = (flag: string) => numberArgument(flag, { min: 0, max: 1 });

/** `white,pink` → the noise colours, each one of {@link NOISE_COLOURS}. */
function colours(value: string): NoiseColour[] {
  const names = value.split(',').map((s) => s.trim());
  const bad = names.find((n) => !NOISE_COLOURS.includes(n as NoiseColour));
  if (bad !== undefined) throw new InvalidArgumentError(`--noise-colours takes ${NOISE_COLOURS.join(', ')} (comma-separated), got "${bad}"`);
  return names as NoiseColour[];
}

/** Progress of one stage (an epoch, an eval pass) on a terminal; off a terminal the commands log a line per stage. */
function stageProgress(io: CliIo, title: string, total: number) {
  const line = new ProgressLine(io, { plainLines: false });
  return {
    update: (done: number, note = '') => line.update(done / Math.max(1, total), `${title} ${done}/${total} ${note}`.trimEnd()),
    stop: () => line.stop(),
  };
}

/** `a,b` → [a, b] with 0 ≤ a ≤ b. */
function range(name: string, integers: boolean) {
  return (value: string): [number, number] => {
    const parts = value.split(',').map(Number);
    const ok = parts.length === 2 && parts.every((p) => p >= 0 && (!integers || Number.isInteger(p))) && parts[0] <= parts[1];
    const kind = integers ? 'integers' : 'numbers';
    if (!ok) throw new InvalidArgumentError(`${name} must be two ${kind} low,high with 0 ≤ low ≤ high, got "${value}"`);
    return [parts[0], parts[1]];
  };
}

/** The mel band of `--band`: within 0 Hz – Nyquist of the front-end's rate, and not empty. */
function band(value: string): [number, number] {
  const [low, high] = range('--band', false)(value);
  const nyquist = DEFAULT_FRONT_END.sampleRate / 2;
  if (low >= high || high > nyquist) throw new InvalidArgumentError(`--band must be low,high Hz with 0 ≤ low < high ≤ ${nyquist}, got "${value}"`);
  return [low, high];
}

/** `pink,20` → a noise floor of that colour 20 dB below the utterance's loudest 10 ms. */
function dither(value: string): DitherConfig {
  const [colour, db] = value.split(',').map((s) => s.trim());
  const belowPeakDb = Number(db);
  if (!NOISE_COLOURS.includes(colour as NoiseColour) || db === undefined || !(belowPeakDb >= 0 && belowPeakDb <= 120)) {
    throw new InvalidArgumentError(`--dither must be COLOUR,DB with COLOUR one of ${NOISE_COLOURS.join(', ')} and 0 ≤ DB ≤ 120, got "${value}"`);
  }
  return { colour: colour as NoiseColour, belowPeakDb };
}

function list(value: string, previous: string[] = []): string[] {
  return previous.concat(value.split(',').map((s) => s.trim()).filter(Boolean));
}

const modeOption = () =>
  new Option('--mode <mode>', 'word (isolated digits) or sequence (digit strings)').choices(['word', 'sequence']).default('word');
const decoderOption = () =>
  new Option('--decoder <name>', 'sequence mode: greedy (best path) or beam (prefix beam search)').choices(['greedy', 'beam']).default('beam');

interface RecognizeFlags {
  mode: Mode;
  model?: string;
  decoder: Decoder;
  beamWidth: number;
}

async function loadRecognizer(io: SpeechDemoIo, flags: RecognizeFlags): Promise<Recognizer> {
  await io.prepareBackend?.();
  return Recognizer.load(flags.mode, { modelDir: flags.model, decoder: flags.decoder, beamWidth: flags.beamWidth });
}

/** One line for a file that cannot be read, so that the other files still run; rethrows anything else. */
function reportUnreadable(io: CliIo, err: unknown, verbose: boolean): void {
  if (!(err instanceof AudioFeaturesError || (err instanceof SpeechDemoError && err.code === 'BAD_INPUT'))) throw err;
  io.stderr(`speech-demo: ${err.message}\n`);
  if (verbose) io.stderr(`${err.stack}\n`);
}

function addCommands(program: Command, io: SpeechDemoIo, state: CliStatus): void {
  const verbose = (): boolean => Boolean(program.opts().verbose);

  program
    .command('recognize')
    .description('recognize WAV files: one line per file, "file<TAB>transcript" (empty transcript: no speech)')
    .argument('<files...>', 'WAV files (any rate, bit depth or channel count; at most 60 s each)')
    .addOption(modeOption())
    .option('--model <dir>', 'model directory (default: the shipped model of the mode)')
    .addOption(decoderOption())
    .option('--beam-width <n>', 'beam width of the beam decoder', integer('--beam-width', 1), 8)
    .action(async (files: string[], flags: RecognizeFlags) => {
      const recognizer = await loadRecognizer(io, flags);
      try {
        for (const file of files) {
          try {
            io.stdout(`${file}\t${recognizer.recognizeFile(file).transcript}\n`);
          } catch (err) {
            reportUnreadable(io, err, verbose());
            state.exitCode = 2;
          }
        }
      } finally {
        recognizer.dispose();
      }
    });

  program
    .command('listen')
    .description(
      'recognize a WAV stream as it arrives, from stdin (e.g. sox -d -t wav - | speech-demo listen) or --input: one line per ' +
        'utterance as it ends, "start-end<TAB>digits<TAB>confidence" (seconds; "-" when no digit was heard)',
    )
    .option('--input <file>', 'read the WAV stream from this file instead of stdin')
    .addOption(modeOption())
    .option('--model <dir>', 'model directory (default: the shipped model of the mode)')
    .addOption(decoderOption())
    .option('--beam-width <n>', 'beam width of the beam decoder', integer('--beam-width', 1), 8)
    .addOption(new Option('--format <format>', 'text, or json: one object per line with per-digit probabilities and latency').choices(['text', 'json']).default('text'))
    .action(async (flags: RecognizeFlags & { input?: string; format: ListenFormat }) => {
      const input = flags.input ? openWavInput(flags.input) : process.stdin;
      const recognizer = await loadRecognizer(io, flags);
      try {
        await listen(recognizer, input, (line) => io.stdout(`${line}\n`), { format: flags.format });
      } finally {
        recognizer.dispose();
      }
    });

  program
    .command('eval')
    .description('recognize every labelled clip in folders and print the score as JSON (last line of stdout)')
    .requiredOption('--data <dirs...>', 'folders of clips named {label}_{speaker}_{index}.wav')
    .addOption(modeOption())
    .option('--model <dir>', 'model directory (default: the shipped model of the mode)')
    .addOption(decoderOption())
    .option('--beam-width <n>', 'beam width of the beam decoder', integer('--beam-width', 1), 8)
    .option('--speakers <names>', 'only these speakers (comma-separated)', list)
    .option('--confusion <file.png>', 'word mode: also write the confusion matrix as a PNG (one condition at most)')
    .option('--condition <names>', 'score under seeded perturbations, one JSON line per condition (comma-separated; see below)', list)
    .option('--seed <n>', 'seed of the perturbations', integer('--seed', 0), 1)
    .addHelpText('after', `\nConditions (--condition), each applied afresh to every clip with its own seed:\n${CONDITION_HELP}\n`)
    .action(async (flags: RecognizeFlags & { data: string[]; speakers?: string[]; confusion?: string; condition?: string[]; seed: number }) => {
      const conditions = (flags.condition ?? []).map(parseCondition);
      if (flags.confusion && conditions.length > 1) throw usageError('--confusion takes one condition at most');
      const clips = listClips(flags.data, flags.mode).clips.filter((c) => !flags.speakers || flags.speakers.includes(c.speaker));
      if (clips.length === 0) throw new SpeechDemoError('BAD_INPUT', `no clips of ${flags.speakers?.join(', ')}`, flags.data.join(', '));
      const recognizer = await loadRecognizer(io, flags);
      const rate = recognizer.frontEnd.sampleRate;
      const audio: Array<{ label: string; samples: Float32Array }> = [];
      const runs = conditions.length ? conditions : [null];
      const results: Array<{ condition: string | null; pairs: Array<[string, string]> }> = runs.map((c) => ({ condition: c?.name ?? null, pairs: [] }));
      const progress = stageProgress(io, 'eval', clips.length * runs.length);
      try {
        for (const clip of clips) {
          try {
            audio.push({ label: clip.label, samples: readClip(clip.path, { sampleRate: rate }) });
          } catch (err) {
            reportUnreadable(io, err, verbose());
          }
        }
        runs.forEach((condition, k) => {
          audio.forEach(({ label, samples }, i) => {
            const input = condition ? condition.apply(samples, rate, conditionSeed(flags.seed, i, condition.name)) : samples;
            results[k].pairs.push([label, recognizer.recognize(input).transcript]);
            progress.update(k * audio.length + i + 1);
          });
        });
      } finally {
        progress.stop();
        recognizer.dispose();
      }
      const skipped = clips.length - audio.length;
      if (skipped) io.stderr(`speech-demo: ${skipped} of ${clips.length} files could not be read and are not scored\n`);
      for (const { condition, pairs } of results) {
        const named = condition === null ? {} : { condition };
        if (flags.mode === 'word') {
          const score = scoreWords(pairs, recognizer.extra.labels);
          if (flags.confusion) {
            writeFileAtomic(flags.confusion, confusionPng(score.matrix, score.labels));
            io.stderr(`wrote ${flags.confusion}\n`);
          }
          io.stdout(`${JSON.stringify({ ...named, n: score.n, accuracy: Number(score.accuracy.toFixed(4)) })}\n`);
        } else {
          const score = scoreSequences(pairs);
          const summary = {
            ...named,
            n: score.n,
            sequence_accuracy: Number(score.sequence_accuracy.toFixed(4)),
            digit_error_rate: Number(score.digit_error_rate.toFixed(4)),
          };
          io.stdout(`${JSON.stringify(summary)}\n`);
        }
      }
    });

  program
    .command('prepare-data')
    .description('synthesize labelled spoken digits and digit strings with espeak-ng (voices, pitches, speeds), augmented')
    .requiredOption('--out <dir>', 'folder to write {label}_{speaker}_{index}.wav files into')
    .option('--words <n>', 'isolated-digit clips', integer('--words', 0), 1000)
    .option('--strings <n>', 'digit-string clips', integer('--strings', 0), 1000)
    .option('--string-digits <low,high>', 'digits per string', range('--string-digits', true), [2, 6])
    .option('--sample-rate <hz>', 'rate of the files written', integer('--sample-rate', 4000), 8000)
    .option('--seed <n>', 'random seed (same seed, same files)', integer('--seed', 0), 1)
    .option('--jobs <n>', 'espeak-ng processes at once', integer('--jobs', 1), 2)
    .option('--espeak <command>', 'the espeak-ng program', 'espeak-ng')
    .action(async (flags: PrepareFlags) => {
      if (flags.stringDigits[0] < 1) throw usageError('--string-digits must start at 1 or more');
      const progress = stageProgress(io, 'synthesizing', flags.words + flags.strings);
      try {
        const result = await prepareData({
          out: flags.out,
          words: flags.words,
          strings: flags.strings,
          stringDigits: flags.stringDigits,
          sampleRate: flags.sampleRate,
          seed: flags.seed,
          jobs: flags.jobs,
          command: flags.espeak,
          onProgress: (done) => progress.update(done),
        });
        io.stderr(`wrote ${result.files} clips by ${result.speakers} synthetic voices to ${flags.out}\n`);
      } finally {
        progress.stop();
      }
    });

  program
    .command('join')
    .description('build digit strings by joining isolated-digit recordings of one speaker with short pauses')
    .requiredOption('--data <dirs...>', 'folders of one-digit clips named {digit}_{speaker}_{index}.wav')
    .requiredOption('--out <dir>', 'folder to write {digits}_{speaker}_{index}.wav into')
    .option('--count <n>', 'strings to write', integer('--count', 1), 500)
    .option('--speakers <names>', 'only these speakers (comma-separated)', list)
    .option('--digits <low,high>', 'digits per string', range('--digits', true), [2, 5])
    .option('--pause-ms <low,high>', 'pause before, between and after digits', range('--pause-ms', false), [100, 300])
    .option('--seed <n>', 'random seed', integer('--seed', 0), 1)
    .action((flags: JoinFlags) => {
      if (flags.digits[0] < 1) throw usageError('--digits must start at 1 or more');
      const written = writeJoinedStrings(
        { ...flags, dataDirs: flags.data, sampleRate: DEFAULT_FRONT_END.sampleRate },
        (file, reason) => io.stderr(`speech-demo: skipping ${file}: ${reason}\n`),
      );
      io.stderr(`wrote ${written} digit strings to ${flags.out}\n`);
    });

  program
    .command('train')
    .description('train a recognizer; validates on held-out speakers after every epoch and keeps the best model')
    .addOption(modeOption())
    .requiredOption('--data <dirs...>', 'folders of clips named {label}_{speaker}_{index}.wav')
    .requiredOption('--out <dir>', 'model directory to write (best epoch by validation)')
    .option('--checkpoint-dir <dir>', 'where the latest checkpoint goes (default: <out>/checkpoint)')
    .option('--resume', 'continue from the checkpoint')
    .option(
      '--val-speakers <names>',
      'speakers held out for validation, comma-separated; "prefix*" matches many (default: the last speaker by name)',
      list,
    )
    .option('--exclude-speakers <names>', 'speakers left out entirely, e.g. the test speaker', list, [])
    .option('--epochs <n>', 'passes over the training data', integer('--epochs', 1), 12)
    .option('--batch-size <n>', 'examples per update', integer('--batch-size', 1), 32)
    .option('--learning-rate <lr>', 'peak Adam learning rate (cosine schedule)', positive('--learning-rate'), 0.002)
    .option('--layers <n>', 'bidirectional GRU layers', integer('--layers', 1), 2)
    .option('--units <n>', 'GRU units per direction', integer('--units', 1), 64)
    .option('--dropout <p>', 'input dropout of each recurrent layer', fraction('--dropout'), 0.3)
    .option('--augment <n>', 'augmented copies of each training recording, made afresh every epoch', integer('--augment', 0), 2)
    .option('--speed <low,high>', 'speed factors drawn for augmentation', range('--speed', false), [0.8, 1.2])
    .option('--channel', 'also colour augmented copies as other microphones would (high pass, low pass, one peaking band)', false)
    .option('--noise-snr <low,high>', 'SNR range (dB) of the noise added to augmented copies (default 10,40)', range('--noise-snr', false))
    .option('--noise-colours <names>', 'noise colours drawn for augmented copies: white, pink, brown (default white)', colours)
    .option('--reverb <p>', 'share of augmented copies played in a synthetic room (RT60 0.1–0.8 s)', share('--reverb'))
    .option('--clip <p>', 'share of augmented copies driven 0–12 dB over full scale and clipped', share('--clip'))
    .option('--dc <p>', 'share of augmented copies given a DC offset', share('--dc'))
    .option(
      '--augment-except <names>',
      'speakers not augmented again, comma-separated, "prefix*" allowed (default: esp-*, the synthetic voices, augmented when made)',
      list,
    )
    .option('--mask-time <n>', 'time masks per training example (SpecAugment-style)', integer('--mask-time', 0), 2)
    .option('--mask-features <n>', 'feature masks per training example', integer('--mask-features', 0), 2)
    .option('--joined <n>', 'sequence mode: strings joined from one-digit recordings per epoch', integer('--joined', 0), 2000)
    .option('--joined-digits <low,high>', 'sequence mode: digits per joined string', range('--joined-digits', true), [1, 6])
    .option('--pause-ms <low,high>', 'sequence mode: pauses in joined strings', range('--pause-ms', false), [30, 400])
    .option('--ceps <n>', 'MFCCs per frame (deltas and delta-deltas are added)', integer('--ceps', 2, 26), DEFAULT_FRONT_END.numCeps)
    .option('--band <low,high>', 'frequencies (Hz) the mel filter bank spans (default: 200,3300 in word mode, 0,4000 in sequence mode)', band)
    .option('--margin-ms <ms>', 'audio kept either side of the trimmed speech', integer('--margin-ms', 0, 1000), DEFAULT_FRONT_END.marginMs)
    .option('--stack <n>', 'feature frames stacked per model step', integer('--stack', 1), DEFAULT_FRONT_END.stack)
    .option('--dither <colour,db>', 'a noise floor under every utterance, in training and recognition: colour and dB below its loudest 10 ms, e.g. pink,20 (default none)', dither)
    .option('--seed <n>', 'random seed', integer('--seed', 0), 1)
    .option('--max-steps <n>', 'stop after this many updates (quick checks)', integer('--max-steps', 1))
    .option('--threads <n>', 'threads to train on, each taking a slice of every batch (default: RNNKIT_THREADS, else every core)', integer('--threads', 1))
    .action(async (flags: TrainFlags) => {
      const valSpeakers = flags.valSpeakers ?? [lastSpeaker(flags)];
      if (flags.mode === 'sequence' && flags.joinedDigits[0] < 1) throw usageError('--joined-digits must start at 1 or more');
      await io.prepareBackend?.();
      let batches = 0;
      let progress = stageProgress(io, '', 0);
      const { data, out, ceps, band, marginMs, stack, dither: floor, ...options } = flags;
      const result = await train(
        {
          ...options,
          dataDirs: data,
          outDir: out,
          valSpeakers,
          augmentExcept: flags.augmentExcept ?? ['esp-*'],
          joined: flags.mode === 'sequence' ? flags.joined : 0,
          frontEnd: { ...defaultFrontEnd(flags.mode), numCeps: ceps, marginMs, stack, ...(band && { bandHz: band }), ...(floor && { dither: floor }) },
        },
        {
          log: (line) => io.stderr(`${line}\n`),
          epochStart: (epoch, n) => {
            batches = n;
            progress = stageProgress(io, `epoch ${epoch}`, n);
          },
          step: (done, loss) => progress.update(done, `loss ${loss.toFixed(3)}`),
          epochEnd: (s) => {
            progress.stop();
            const metric = `validation ${flags.mode === 'word' ? 'accuracy' : 'digit error rate'} ${s.validation.toFixed(4)}`;
            io.stderr(`epoch ${s.epoch}: ${batches} batches, loss ${s.loss.toFixed(4)}, ${metric}, ${s.seconds.toFixed(0)} s\n`);
          },
        },
      );
      const metric = flags.mode === 'word' ? 'val_accuracy' : 'val_digit_error_rate';
      io.stderr(`best epoch ${result.bestEpoch}; model written to ${result.outDir}\n`);
      const summary = { mode: result.mode, best_epoch: result.bestEpoch, [metric]: Number(result.bestValidation.toFixed(4)), out: result.outDir };
      io.stdout(`${JSON.stringify(summary)}\n`);
    });

  program
    .command('export')
    .description('write a speech model in the TensorFlow.js Layers format: the network from feature frames to per-frame scores, its mode, labels and front-end in the metadata')
    .addOption(modeOption())
    .option('--model <dir>', 'model directory (default: the shipped model of the mode)')
    .requiredOption('--out <dir>', 'directory to write')
    .action((flags: ExportFlags) => exportCommand(io, flags));

}

interface PrepareFlags {
  out: string;
  words: number;
  strings: number;
  stringDigits: [number, number];
  sampleRate: number;
  seed: number;
  jobs: number;
  espeak: string;
}

interface JoinFlags {
  data: string[];
  out: string;
  count: number;
  speakers?: string[];
  digits: [number, number];
  pauseMs: [number, number];
  seed: number;
}

/** What commander parses for `train`: {@link TrainOptions} under the flags' names, with the CLI's own defaults to fill. */
type TrainFlags = Omit<TrainOptions, 'dataDirs' | 'outDir' | 'valSpeakers' | 'augmentExcept' | 'frontEnd'> & {
  data: string[];
  out: string;
  valSpeakers?: string[];
  augmentExcept?: string[];
  ceps: number;
  band?: [number, number];
  marginMs: number;
  stack: number;
  dither?: DitherConfig;
};

/** The default validation speaker: the last by name among those not excluded. */
function lastSpeaker(flags: TrainFlags): string {
  const speakers = speakersOf(listClips(flags.data, flags.mode).clips).filter((s) => !flags.excludeSpeakers.includes(s));
  if (speakers.length < 2) {
    const found = speakers.join(', ') || 'none';
    throw usageError(`validation holds out whole speakers, so at least two are needed; found ${found}`);
  }
  return speakers[speakers.length - 1];
}

/**
 * Runs the `speech-demo` command line with `argv` (without node and the script) and resolves to the exit status of
 * the one rnnkit table (see `exitCodeFor` in @rnnkit/common): 0 success; 2 bad usage or bad input (an unreadable
 * or unusable WAV, a wrong model directory), also when `recognize` skipped an unreadable file and went on; 1 anything
 * else, such as a missing espeak-ng. One line on stderr, no stack trace unless --verbose.
 */
export const runCli = createCli<SpeechDemoIo>(
  {
    name: 'speech-demo',
    description: 'Spoken digit recognition: isolated digits (word mode) and digit strings (sequence mode, CTC), trained on WAV files.',
    commands: addCommands,
  },
  speechDemoIo,
);

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
