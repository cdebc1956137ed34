import { datesTask } from './dates/dates-task';
import { enFrTask } from './en-fr/en-fr-task';
import { enPtTask } from './en-pt/en-pt-task';
import { numbersEnTask, numbersPtTask } from './numbers/numbers-task';
import { TaskError } from './task-error';
import type { Task } from './types';

/** Names of the built-in tasks. */
export type TaskName = 'dates' | 'numbers-en' | 'numbers-pt' | 'en-pt' | 'en-fr';

/** The built-in tasks by name. */
export const TASKS: Readonly<Record<TaskName, Task>> = {
  dates: datesTask,
  'numbers-en': numbersEnTask,
  'numbers-pt': numbersPtTask,
  'en-pt': enPtTask,
  'en-fr': enFrTask,
};

/** Looks a task up by name; an unknown name is a `TaskError` listing the known ones. */
export function getTask(name: string): Task {
  if (!Object.prototype.hasOwnProperty.call(TASKS, name)) {
    throw new TaskError('UNKNOWN_TASK', `unknown task ${JSON.stringify(name)}; known tasks: ${Object.keys(TASKS).join(', ')}`);
  }
  return TASKS[name as TaskName];
}
