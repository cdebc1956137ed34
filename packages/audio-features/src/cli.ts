#!/usr/bin/env node
import { Command, Option } from 'commander';
import { extname } from 'node:path';
import { createCli, numberArgument, usageError, writeFileAtomic, type CliIo } from '@rnnkit/common';
import { logMelEnergies, mfcc } from './features';
import { MfccFlavour } from './options';
import { spectrogramPng, spectrogramSvg } from './spectrogram-image';
import { readWav, readWavInfo } from './wav-file';
import type { WavInfo } from './wav-reader';

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

function addCommands(program: Command, io: CliIo): void {

  program
    .command('mfcc')
    .description('MFCCs of each file: one JSON object per file per line, or CSV rows')
    .argument('<files...>', 'WAV files')
    .addOption(new Option('--flavour <name>', 'python_speech_features definition or meyda').choices(['psf', 'meyda']).default('psf'))
    .option('--num-ceps <n>', 'coefficients per frame, c0 included', numberArgument('--num-ceps', { integer: true }), 13)
    .option('--num-filters <n>', 'mel filters', numberArgument('--num-filters', { integer: true }), 26)
    .option('--nfft <n>', 'FFT size, a power of two (default 512, more if the window is longer)', numberArgument('--nfft', { integer: true }))
    .option('--win-ms <ms>', 'window length', numberArgument('--win-ms'), 25)
    .option('--hop-ms <ms>', 'hop between frames', numberArgument('--hop-ms'), 10)
    .option('--sample-rate <hz>', 'resample to this rate first (default: the file\'s own)', numberArgument('--sample-rate', { integer: true }))
    .addOption(new Option('--format <format>', 'output').choices(['json', 'csv']).default('json'))
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
    .addOption(new Option('--format <format>', 'text, or json (one object per line)').choices(['text', 'json']).default('text'))
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
    .option('--num-filters <n>', 'mel bands', numberArgument('--num-filters', { integer: true }), 40)
    .option('--win-ms <ms>', 'window length', numberArgument('--win-ms'), 25)
    .option('--hop-ms <ms>', 'hop between frames', numberArgument('--hop-ms'), 10)
    .option('--sample-rate <hz>', 'resample to this rate first', numberArgument('--sample-rate', { integer: true }))
    .option('--range-db <db>', 'dynamic range shown', numberArgument('--range-db'), 80)
    .action((file: string, flags: { out: string; numFilters: number; winMs: number; hopMs: number; sampleRate?: number; rangeDb: number }) => {
      const kind = extname(flags.out).toLowerCase();
      if (kind !== '.png' && kind !== '.svg') throw usageError(`--out must end in .png or .svg, got "${flags.out}"`);
      const { samples, sampleRate } = readWav(file, { sampleRate: flags.sampleRate });
      const { numFilters, winMs, hopMs, rangeDb } = flags;
      const logMel = logMelEnergies(samples, sampleRate, { numFilters, winMs, hopMs });
      const image = kind === '.png' ? spectrogramPng(logMel, { rangeDb }) : spectrogramSvg(logMel, { rangeDb });
      writeFileAtomic(flags.out, image);
      io.stderr(`wrote ${flags.out} (${logMel.length} frames × ${numFilters} bands)\n`);
    });

}

/**
 * Runs the `audio-features` command line with `argv` (without node and the script) and resolves to the exit
 * status of the one rnnkit table (see `exitCodeFor` in @rnnkit/common): 0 success, 2 bad usage or input
 * (including an unreadable file), 1 anything else.
 */
export const runCli = createCli({
  name: 'audio-features',
  description: 'WAV in, MFCC out: features, file facts and spectrogram pictures (see the package README).',
  commands: addCommands,
});

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
