// The translate page: pick a task, type a source, read the beam-search output and its attention heat map.
import { attentionSvg, translate, type Seq2SeqModel } from '@rnnkit/seq2seq';
import { backendFromUrl, startBackend } from './backend';
import { byId, markReady, describeError, numberValue, showMessage } from './dom';
import { loadTranslationModel } from './models';

/** Example inputs shown under the form, per task. */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  dates: ['27 de novembro de 2026', 'Friday, November 27, 2026', '11/27/2026', '3 March 1999'],
  'numbers-en': ['2500', '100100', '7', '919191'],
  'numbers-pt': ['2500', '100100', '7', '919191'],
  'en-pt': ['the girls bought an old car', 'he is tall', 'we saw the small dog'],
  'en-fr': ['Where is the station?', 'Tom is very busy.', 'It is raining today.', 'Can you help me?'],
};

const task = byId<HTMLSelectElement>('task');
const source = byId<HTMLInputElement>('source');
const button = byId<HTMLButtonElement>('translate');
const output = byId('translation');
const status = byId('status');
const heatMap = byId('attention');
const models = new Map<string, Promise<Seq2SeqModel>>();

function modelFor(name: string): Promise<Seq2SeqModel> {
  let model = models.get(name);
  if (!model) {
    model = loadTranslationModel(name);
    // A failed load is not kept, so picking the task again retries it.
    model.catch(() => models.delete(name));
    models.set(name, model);
  }
  return model;
}

function showExamples(): void {
  const box = byId('examples');
  box.replaceChildren('Try:');
  for (const text of EXAMPLES[task.value] ?? []) {
    const link = document.createElement('button');
    link.type = 'button';
    link.className = 'secondary';
    link.textContent = text;
    link.addEventListener('click', () => {
      source.value = text;
      void run();
    });
    box.append(link);
  }
}

async function run(): Promise<void> {
  showMessage(null);
  const text = source.value.trim();
  if (text === '') {
    showMessage('Type something to translate first.');
    return;
  }
  const beamWidth = numberValue('beam', 4);
  if (!Number.isInteger(beamWidth) || beamWidth < 1 || beamWidth > 16) {
    showMessage('The beam width must be a whole number from 1 to 16.');
    return;
  }
  button.disabled = true;
  status.textContent = `Loading the ${task.value} model…`;
  try {
    const model = await modelFor(task.value);
    const started = performance.now();
    const [result] = translate(model, [text], { beamWidth, attention: true });
    const ms = performance.now() - started;
    output.textContent = result.text;
    const outputLabels = result.tokens.map((id) => model.targetVocabulary.symbolOf(id));
    if (result.finished) outputLabels.push('</s>');
    // The SVG is built from the model's own symbols, each escaped by attentionSvg.
    heatMap.innerHTML =
      result.sourceSymbols.length > 0
        ? attentionSvg(result.attention ?? [], result.sourceSymbols, outputLabels, { title: `${text} → ${result.text}` })
        : '';
    const notes = [
      result.unknown.length > 0 ? `unknown to the model, read as UNK: ${result.unknown.join(' ')}` : '',
      result.truncated ? `only the first ${model.config.maxSourceLength} symbols were read` : '',
    ].filter(Boolean);
    status.textContent = `${task.value}: beam ${beamWidth}, ${ms.toFixed(0)} ms${notes.length ? ` — ${notes.join('; ')}` : ''}`;
  } catch (err) {
    output.textContent = '';
    heatMap.replaceChildren();
    status.textContent = '';
    showMessage(`The ${task.value} model could not be used: ${describeError(err)}`);
  } finally {
    button.disabled = false;
  }
}

byId('form').addEventListener('submit', (event) => {
  event.preventDefault();
  void run();
});
task.addEventListener('change', () => {
  source.value = EXAMPLES[task.value]?.[0] ?? '';
  showExamples();
  void run();
});

async function main(): Promise<void> {
  showExamples();
  try {
    await startBackend(backendFromUrl(location.href));
  } catch (err) {
    showMessage(describeError(err));
    return;
  }
  await run();
  markReady();
}

void main();
