// Writes the Brown corpus as plain text (POS tags stripped, see brownToText in @rnnkit/char-lm) and prints its
// figures as one JSON line. Uses the BUILT package: run `npx tsc -p packages/char-lm/tsconfig.lib.json` first.
//
//   node tools/corpus/prepare-brown.mjs [OUT.txt] [--max-chars N] [--validation F] [--order category|interleaved]
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const usage = `usage: node tools/corpus/prepare-brown.mjs [OUT.txt] [--max-chars N] [--validation F] [--order O]
Prints the figures of the Brown corpus as plain text (characters, paragraphs, vocabulary, train/validation split
with the last F held out, default 0.1) as one JSON line; with OUT.txt also writes the text there. O is category
(genre order, the default) or interleaved (one sample of each genre in turn).`;

function bad(message) {
  process.stderr.write(`prepare-brown: ${message}\n${usage}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { 'max-chars': { type: 'string' }, validation: { type: 'string' }, order: { type: 'string' }, help: { type: 'boolean' } },
  });
} catch (error) {
  bad(error.message);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (positionals.length > 1) bad('at most one output file');

let lib;
try {
  lib = await import('@rnnkit/char-lm');
} catch {
  const build = 'npx tsc -p packages/char-lm/tsconfig.lib.json';
  process.stderr.write(`prepare-brown: @rnnkit/char-lm is not built; run \`${build}\`\n`);
  process.exit(1);
}
const { loadBrownCorpus, splitCorpus, Vocabulary, CharLmError } = lib;

try {
  const maxChars = values['max-chars'] === undefined ? undefined : Number(values['max-chars']);
  const fraction = values.validation === undefined ? 0.1 : Number(values.validation);
  const text = loadBrownCorpus({ maxChars, order: values.order });
  const { train, validation } = splitCorpus(text, fraction);
  const vocabulary = Vocabulary.fromCorpus(text);
  const [out] = positionals;
  if (out !== undefined) {
    const temp = `${out}.tmp-${process.pid}`;
    writeFileSync(temp, text, 'utf8');
    renameSync(temp, out); // atomic: readers never see a half-written file
    process.stderr.write(`wrote ${out}\n`);
  }
  const figures = {
    characters: text.length,
    bytes: Buffer.byteLength(text, 'utf8'),
    paragraphs: text.split('\n').length - 1,
    vocabularySize: vocabulary.size,
    vocabulary: vocabulary.symbols.slice(1).join(''),
    trainCharacters: train.length,
    validationCharacters: validation.length,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} catch (error) {
  if (error instanceof CharLmError) bad(error.message);
  process.stderr.write(`prepare-brown: ${error.message}\n`);
  process.exit(1);
}
