/** Where a command writes. Commands never touch `process.stdout`/`process.stderr` directly; tests pass their own. */
export interface CliIo {
  /** Results: the data a command exists to produce (text, JSON lines). */
  stdout: (text: string) => void;
  /** Messages, warnings, errors and progress. */
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress is then one live line redrawn in place. */
  stderrIsTty?: boolean;
  /** Input for commands that read lines (e.g. `translate` with no arguments); absent means none. */
  stdin?: NodeJS.ReadableStream;
}
