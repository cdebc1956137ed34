/**
 * The "13a" tokenisation of mteval-v13a.pl, as sacreBLEU applies it by default: the four XML entities are
 * unescaped, ASCII punctuation except `'`, `,`, `-` and `.` becomes a token of its own, `.` and `,` do too unless
 * a digit stands on the side being split, `-` after a digit is split off, and whitespace runs separate tokens. Case
 * is kept, and so are apostrophes inside words (`l'homme` is one token).
 */
export function tokenize13a(text: string): string[] {
  let line = text.replace(/<skipped>/g, '').replace(/-\n/g, '').replace(/\n/g, ' ');
  if (line.includes('&')) {
    line = line.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  }
  line = line
    .replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ')
    .replace(/([^0-9])([.,])/g, '$1 $2 ')
    .replace(/([.,])([^0-9])/g, ' $1 $2')
    .replace(/([0-9])(-)/g, '$1 $2 ');
  return line.split(/\s+/u).filter((t) => t.length > 0);
}
