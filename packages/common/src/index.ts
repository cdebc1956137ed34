// @rnnkit/common: the one implementation of what every rnnkit package and command needs.
// browser.ts holds the part that runs anywhere; the rest below uses Node (files, processes, commander).

// Random numbers, errors and the exit-code table, edit distance, option validators.
export * from './browser';

// Files.
export { writeFileAtomic } from './write-file-atomic';

// The command-line kit.
export type { CliIo } from './cli-io';
export {
  createCli,
  processIo,
  usageError,
  numberArgument,
  reportError,
  type CliDefinition,
  type CliStatus,
  type NumberArgumentLimits,
  type RunCli,
} from './cli-kit';
export { ProgressLine, type ProgressLineOptions } from './progress-line';
