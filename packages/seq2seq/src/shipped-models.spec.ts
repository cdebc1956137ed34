import { useBackend } from '@rnnkit/test-utils';
import { resolveConfig } from './model/seq2seq-config';
import { loadShippedModel, shippedModelDir } from './shipped-models';
import { TASKS, type TaskName } from './tasks/registry';
import { TASK_PRESETS } from './training/task-presets';

describe('shipped models', () => {
  useBackend('cpu');

  it.each(Object.keys(TASKS) as TaskName[])('%s was trained with the documented command: the task preset and seed 0', (task) => {
    const { model, metadata } = loadShippedModel(task);
    const preset = TASK_PRESETS[task];
    const sizes = { sourceVocabSize: model.sourceVocabulary.size, targetVocabSize: model.targetVocabulary.size };
    expect(model.config).toEqual(resolveConfig({ ...preset.model, ...sizes }));
    expect([model.sourceVocabulary.level, model.targetVocabulary.level]).toEqual([preset.sourceLevel, preset.targetLevel]);
    expect(metadata).toMatchObject({ task, training: { ...preset.training, seed: 0, sourceLevel: preset.sourceLevel, targetLevel: preset.targetLevel } });
    // Small enough to ship: about 1–2 MB per generated task (their issue), a few MB for real English–French.
    expect(model.parameterCount * 4).toBeLessThan(task === 'en-fr' ? 5e6 : 2e6);
    model.dispose();
  });

  it('refuses an unknown task name', () => {
    expect(() => shippedModelDir('weather')).toThrow(/unknown task "weather"/);
  });
});
