#!/usr/bin/env python3
"""Reference values for seq2seq's corpus BLEU with several references and 13a tokens.

An independent, plain-Python implementation of what sacreBLEU computes by default (13a tokenisation of
mteval-v13a.pl; per-sentence n-gram counts clipped by the maximum count over the references; the closest reference
length, the shorter on a tie; corpus-level pooling; no smoothing needed on these cases). Prints one JSON object:
the tokens of some texts and the BLEU parts of some corpora, which packages/seq2seq/src/metrics/corpus-bleu.spec.ts
checks.  Run: python3 tools/seq2seq/bleu_reference.py
"""
import json
import math
import re
from collections import Counter


def tokenize_13a(line):
    line = line.replace('<skipped>', '').replace('-\n', '').replace('\n', ' ')
    if '&' in line:
        line = line.replace('&quot;', '"').replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>')
    line = re.sub(r'([\{-\~\[-\` -\&\(-\+\:-\@\/])', r' \1 ', line)
    line = re.sub(r'([^0-9])([\.,])', r'\1 \2 ', line)
    line = re.sub(r'([\.,])([^0-9])', r' \1 \2', line)
    line = re.sub(r'([0-9])(-)', r'\1 \2 ', line)
    return line.split()


def ngrams(tokens, n):
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def corpus_bleu(hyps, refs_per_hyp, max_order=4):
    matches = [0] * max_order
    totals = [0] * max_order
    c = r = 0
    for hyp, refs in zip(hyps, refs_per_hyp):
        h = tokenize_13a(hyp)
        rs = [tokenize_13a(x) for x in refs]
        c += len(h)
        r += min((abs(len(x) - len(h)), len(x)) for x in rs)[1]
        for n in range(1, max_order + 1):
            best = Counter()
            for x in rs:
                best |= ngrams(x, n)  # | keeps the maximum count of each n-gram
            for gram, count in ngrams(h, n).items():
                matches[n - 1] += min(count, best[gram])
                totals[n - 1] += count
    precisions = [m / t if t else 0.0 for m, t in zip(matches, totals)]
    bp = 0.0 if c == 0 else (1.0 if c > r else math.exp(1 - r / c))
    bleu = 0.0 if min(precisions) == 0 else bp * math.exp(sum(math.log(p) for p in precisions) / max_order)
    return {'bleu': bleu, 'precisions': precisions, 'brevity_penalty': bp, 'hypothesis_length': c, 'reference_length': r}


TEXTS = [
    "Je n'ai jamais mangé de viande de cheval.",
    'Va\u00a0! Cours\u202f!',
    'Il a dit : "non" (deux fois), 3.5 km, 1,000 et 12-14 ans.',
    'A&amp;B &lt;x&gt; &quot;y&quot; a-b 7-b x/y {z} [w] ~ ^ _ ` | @ # $ % * + = ; ?',
]

CORPORA = {
    'single': ([
        "Je n'ai jamais mangé de viande de cheval.",
        'Tom est très occupé.',
    ], [
        ["Je n'ai jamais mangé de cheval."],
        ['Tom est fort occupé.'],
    ]),
    'multi': ([
        "Je n'ai jamais mangé de viande de cheval.",
        'Tom est très occupé.',
        'Il fait froid ici.',
    ], [
        ["Je n'ai jamais mangé de cheval.", "Je n'ai jamais mangé de la viande de cheval."],
        ['Tom est fort occupé.', 'Tom est très occupé !'],
        ['Il fait froid ici.', 'On gèle ici.', 'Ici, il fait froid.'],
    ]),
    'short-hypotheses': ([
        'Je suis',
        'Il fait froid',
    ], [
        ['Je suis là.', 'Je suis ici maintenant.'],
        ['Il fait froid ici.', 'Il fait très froid ici.'],
    ]),
}

if __name__ == '__main__':
    out = {
        'tokens': {t: tokenize_13a(t) for t in TEXTS},
        'bleu': {name: corpus_bleu(h, r) for name, (h, r) in CORPORA.items()},
    }
    print(json.dumps(out, ensure_ascii=False, indent=1))
