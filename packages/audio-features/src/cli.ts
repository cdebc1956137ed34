#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { extname } from 'node:path';
import { AudioFeaturesError } from './errors';
import { logMelEnergies, mfcc } from './features';
import { MfccFlavour } from './options';
import { spectrogramPng, spectrogramSvg } from './spectrogram-image';
import { readWav, readWavInfo, WavInfo } from './wav-reader';
import { writeFileAtomic } from './wav-writer';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Bad usage: exit status 2 like bad input. */
class UsageError extends Error {}

function number(name: string, integer: boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${name} must be ${integer ? 'an integer' : 'a number'}, got "${value}"`);
    }
    return n;
  };
}

function choice(name: string, allowed: string[]) {
  return (value: string): string => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`${name} must be one of ${allowed.join(', ')}`);
    return value;
  };
}

/** Shortest decimal that still identifies the float32 value, to keep output compact. */
function compact(v: number): number {
  return Number(v.toPrecision(8));
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function describe({ encoding, extensible, bitsPerSample }: WavInfo): string {
  const name = { pcm: 'PCM', float: 'IEEE float', alaw: 'A-law', mulaw: 'µ-law' }[encoding];
  return `${name} ${bitsPerSample}-bit${extensible ? ' (extensible)' : ''}`;
}

interface FeatureFlags {
  flavour: MfccFlavour;
  numCeps: number;
  numFilters: number;
  nfft?: number;
  winMs: number;
  hopMs: number;
  sampleRate?: number;
  format: 'json' | 'csv';
}

function buildProgram(io: CliIo): Command {
  const program = new Command('audio-features')
    .description('WAV in, MFCC out: features, file facts and spectrogram pictures (see the package README).')
    .option('--verbose', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`audio-features: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    });

  program
    .command('mfcc')
    .description('MFCCs of each file: one JSON object per file per line, or CSV rows')
    .argument('<files...>', 'WAV files')
    .option('--flavour <name>', 'psf (python_speech_features definition) or meyda', choice('--flavour', ['psf', 'meyda']), 'psf')
    .option('--num-ceps <n>', 'coefficients per frame, c0 included', number('--num-ceps', true), 13)
    .option('--num-filters <n>', 'mel filters', number('--num-filters', true), 26)
    .option('--nfft <n>', 'FFT size, a power of two (default 512, more if the window is longer)', number('--nfft', true))
    .option('--win-ms <ms>', 'window length', number('--win-ms', false), 25)
    .option('--hop-ms <ms>', 'hop between frames', number('--hop-ms', false), 10)
    .option('--sample-rate <hz>', 'resample to this rate first (default: the file\'s own)', number('--sample-rate', true))
    .option('--format <format>', 'json or csv', choice('--format', ['json', 'csv']), 'json')
    .action((files: string[], flags: FeatureFlags) => {
      let header = false;
      for (const file of files) {
        const { samples, sampleRate } = readWav(file, { sampleRate: flags.sampleRate });
        const { flavour, numCeps, numFilters, nfft, winMs, hopMs } = flags;
        const frames = mfcc(samples, sampleRate, { flavour, numCeps, numFilters, nfft, winMs, hopMs });
        if (flags.format === 'json') {
          const rows = frames.map((f) => Array.from(f, compact));
          io.stdout(`${JSON.stringify({ file, sampleRate, frames: rows })}\n`);
          continue;
        }
        if (!header) {
          io.stdout(`file,sample_rate,frame,${Array.from({ length: numCeps }, (_, i) => `c${i}`).join(',')}\n`);
          header = true;
        }
        const name = csvField(file);
        io.stdout(frames.map((f, t) => `${name},${sampleRate},${t},${Array.from(f, compact).join(',')}\n`).join(''));
      }
    });

  program
    .command('info')
    .description('format, channels, rate, bit depth and duration of each file')
    .argument('<files...>', 'WAV files')
    .option('--format <format>', 'text or json (one object per line)', choice('--format', ['text', 'json']), 'text')
    .action((files: string[], flags: { format: 'text' | 'json' }) => {
      for (const file of files) {
        const info = readWavInfo(file);
        if (flags.format === 'json') {
          io.stdout(`${JSON.stringify({ file, format: describe(info), ...info })}\n`);
        } else {
          const channels = `${info.channels} channel${info.channels === 1 ? '' : 's'}`;
          io.stdout(
            `${file}: ${describe(info)}, ${channels}, ${info.sampleRate} Hz, ` +
              `${info.duration.toFixed(3)} s (${info.frames} samples per channel)\n`,
          );
        }
      }
    });

  program
    .command('spectrogram')
    .description('a picture of the log-mel spectrogram, as PNG or SVG (chosen by the file name)')
    .argument('<file>', 'WAV file')
    .requiredOption('--out <image>', 'output picture, ending in .png or .svg')
    .option('--num-filters <n>', 'mel bands', number('--num-filters', true), 40)
    .option('--win-ms <ms>', 'window length', number('--win-ms', false), 25)
    .option('--hop-ms <ms>', 'hop between frames', number('--hop-ms', false), 10)
    .option('--sample-rate <hz>', 'resample to this rate first', number('--sample-rate', true))
    .option('--range-db <db>', 'dynamic range shown', number('--range-db', false), 80)
    .action((file: string, flags: { out: string; numFilters: number; winMs: number; hopMs: number; sampleRate?: number; rangeDb: number }) => {
      const kind = extname(flags.out).toLowerCase();
      if (kind !== '.png' && kind !== '.svg') throw new UsageError(`--out must end in .png or .svg, got "${flags.out}"`);
      const { samples, sampleRate } = readWav(file, { sampleRate: flags.sampleRate });
      const { numFilters, winMs, hopMs, rangeDb } = flags;
      const logMel = logMelEnergies(samples, sampleRate, { numFilters, winMs, hopMs });
      const image = kind === '.png' ? spectrogramPng(logMel, { rangeDb }) : spectrogramSvg(logMel, { rangeDb });
      writeFileAtomic(flags.out, image);
      io.stderr(`wrote ${flags.out} (${logMel.length} frames × ${numFilters} bands)\n`);
    });

  return program;
}

/**
 * Runs the `audio-features` command line with `argv` (without node and the script) and returns the exit
 * status: 0 on success, 2 for bad usage or bad input, 1 for anything else. Errors are one line on stderr,
 * with the stack only under --verbose.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    const verbose = argv.includes('--verbose');
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof AudioFeaturesError || err instanceof UsageError) {
      io.stderr(`audio-features: ${message}\n`);
      if (verbose && err instanceof Error) io.stderr(`${err.stack}\n`);
      return err instanceof AudioFeaturesError && err.code === 'IO' ? 1 : 2;
    }
    io.stderr(`audio-features: unexpected failure: ${message.split('\n')[0]}${verbose ? '' : ' (run with --verbose for details)'}\n`);
    if (verbose && err instanceof Error) io.stderr(`${err.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
