/** Why a task call was refused. */
export type TaskErrorCode = 'unknown-task' | 'bad-argument' | 'out-of-range';

/** A bad argument to a task or a task helper (unknown task name, bad split, count, seed or value). */
export class TaskError extends Error {
  /** Machine-readable reason. */
  readonly code: TaskErrorCode;

  constructor(code: TaskErrorCode, message: string) {
    super(message);
    this.name = 'TaskError';
    this.code = code;
  }
}
