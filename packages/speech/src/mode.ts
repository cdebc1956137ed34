/** Recognition mode: one digit per recording (`word`) or a string of digits (`sequence`, decoded with CTC). */
export type Mode = 'word' | 'sequence';
