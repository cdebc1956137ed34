import { RnnkitError } from '@rnnkit/common';

/** Why a task call was refused. */
export type TaskErrorCode = 'UNKNOWN_TASK' | 'BAD_ARGUMENT' | 'OUT_OF_RANGE' | 'NO_DATA' | 'BAD_DATA';

/** A bad argument to a task or a task helper (unknown task name, bad split, count, seed or value), or missing or malformed task data. */
export class TaskError extends RnnkitError<TaskErrorCode> {}
