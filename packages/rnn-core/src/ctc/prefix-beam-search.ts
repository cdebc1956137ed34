import type { FlatScores } from './ctc-scores';
import { logAdd, logSoftmaxRow } from './log-space';

/**
 * A label prefix. Nodes form a trie holding only prefixes that once entered the beam, so each label sequence has
 * exactly one node and "the same prefix reached two ways" is detected by identity.
 */
interface Prefix {
  readonly label: number;
  readonly parent: Prefix | null;
  children: Map<number, Prefix> | null;
  /** Log-probability of the prefix over alignments of the frames so far that end in a blank / in its last label. */
  blank: number;
  nonBlank: number;
  /** logAdd(blank, nonBlank). */
  score: number;
  /** Values being accumulated for the next frame. */
  nextBlank: number;
  nextNonBlank: number;
  /** Frame number + 1 at which this prefix was last in the beam. */
  generation: number;
}

function newPrefix(label: number, parent: Prefix | null, nonBlank: number): Prefix {
  const none = -Infinity;
  return {
    label,
    parent,
    children: null,
    blank: none,
    nonBlank,
    score: nonBlank,
    nextBlank: none,
    nextNonBlank: none,
    generation: 0,
  };
}

/** The class indices of a prefix, root first. */
function prefixLabels(p: Prefix): number[] {
  const labels: number[] = [];
  for (let n: Prefix | null = p; n !== null && n.parent !== null; n = n.parent) labels.push(n.label);
  return labels.reverse();
}

/** Final beam of one item, best first: each prefix with its labels and log-probability. */
export function prefixBeamSearch(
  flat: FlatScores,
  item: number,
  frames: number,
  blank: number,
  beamWidth: number,
): Array<{ labels: number[]; logProb: number }> {
  const { values, time, classes } = flat;
  const logProbs = new Float64Array(classes);
  // Extensions to prefixes not in the beam are kept in flat arrays; only the survivors become nodes.
  const maxCandidates = beamWidth * classes;
  const extFrom = new Int32Array(maxCandidates);
  const extLabel = new Int32Array(maxCandidates);
  const candScore = new Float64Array(maxCandidates + beamWidth);
  const order = new Int32Array(maxCandidates + beamWidth);
  const root = newPrefix(-1, null, -Infinity);
  root.blank = 0;
  root.score = 0;
  let beam: Prefix[] = [root];
  for (let t = 0; t < frames; t++) {
    logSoftmaxRow(values, (item * time + t) * classes, classes, logProbs);
    const generation = t + 1;
    for (const p of beam) {
      p.generation = generation;
      p.nextBlank = p.score + logProbs[blank];
      // Repeating the last label without a blank in between stays in the same prefix.
      p.nextNonBlank = p.parent === null ? -Infinity : p.nonBlank + logProbs[p.label];
    }
    let extensions = 0;
    for (let i = 0; i < beam.length; i++) {
      const p = beam[i];
      for (let c = 0; c < classes; c++) {
        if (c === blank) continue;
        // A repeat of the last label only starts a new symbol after a blank.
        const v = (c === p.label ? p.blank : p.score) + logProbs[c];
        if (v === -Infinity) continue;
        const child = p.children?.get(c);
        if (child !== undefined && child.generation === generation) {
          child.nextNonBlank = logAdd(child.nextNonBlank, v);
        } else {
          extFrom[extensions] = i;
          extLabel[extensions] = c;
          candScore[beam.length + extensions] = v;
          extensions++;
        }
      }
    }
    let count = 0;
    for (let i = 0; i < beam.length; i++) {
      const p = beam[i];
      p.blank = p.nextBlank;
      p.nonBlank = p.nextNonBlank;
      p.score = logAdd(p.blank, p.nonBlank);
      candScore[i] = p.score;
    }
    for (let i = 0; i < beam.length + extensions; i++) if (candScore[i] > -Infinity) order[count++] = i;
    const ranked = order.subarray(0, count).sort((a, b) => candScore[b] - candScore[a] || a - b);
    const next: Prefix[] = [];
    for (let r = 0; r < Math.min(beamWidth, count); r++) {
      const i = ranked[r];
      if (i < beam.length) {
        next.push(beam[i]);
        continue;
      }
      const parent = beam[extFrom[i - beam.length]];
      const label = extLabel[i - beam.length];
      parent.children ??= new Map();
      let node = parent.children.get(label);
      if (node === undefined) {
        node = newPrefix(label, parent, candScore[i]);
        parent.children.set(label, node);
      } else {
        node.blank = -Infinity;
        node.nonBlank = candScore[i];
        node.score = candScore[i];
      }
      next.push(node);
    }
    beam = next;
  }
  return beam.map((p) => ({ labels: prefixLabels(p), logProb: p.score }));
}
