import { TASKS, getTask } from './registry';
import { TaskError } from './task-error';

describe('getTask', () => {
  it('finds every registered task under its own name', () => {
    for (const [name, task] of Object.entries(TASKS)) expect(getTask(name).name).toBe(name);
    expect(Object.keys(TASKS).sort()).toEqual(['dates', 'en-fr', 'en-pt', 'numbers-en', 'numbers-pt']);
  });

  it('rejects an unknown name with a TaskError listing the known tasks', () => {
    expect(() => getTask('toString')).toThrow(TaskError);
    expect(() => getTask('french')).toThrow(/unknown task "french"; known tasks: dates, numbers-en, numbers-pt, en-pt/);
  });
});
