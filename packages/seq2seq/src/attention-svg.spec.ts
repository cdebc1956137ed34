import { attentionSvg } from './attention-svg';

describe('attentionSvg', () => {
  const weights = [
    [1, 0, 0],
    [0.25, 0.5, 0.25],
  ];

  it('draws one labelled cell per (output, input) pair, shaded by weight, as well-formed SVG', () => {
    const svg = attentionSvg(weights, ['a', ' ', '<'], ['x', '</s>'], { title: 'a < → x' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    const cells = [...svg.matchAll(/<rect class="cell"[^>]*fill="([^"]+)" data-weight="([^"]+)"/g)];
    expect(cells.map((m) => Number(m[2]))).toEqual(weights.flat());
    expect(cells[0][1]).toBe('rgb(8,48,107)'); // weight 1: darkest
    expect(cells[1][1]).toBe('rgb(255,255,255)'); // weight 0: white
    expect(cells[4][1]).toBe('rgb(132,152,181)'); // weight 0.5: halfway, rounded
    const inputs = [...svg.matchAll(/<text class="input"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(inputs).toEqual(['a', '␣', '&lt;']);
    const outputs = [...svg.matchAll(/<text class="output"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(outputs).toEqual(['x', '&lt;/s&gt;']);
    expect(svg).toContain('a &lt; → x');
    // Every tag is closed: as many openings as closings for the elements used.
    for (const tag of ['text', 'title', 'rect']) {
      const open = (svg.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;
      const selfClosed = (svg.match(new RegExp(`<${tag}[^>]*/>`, 'g')) ?? []).length;
      expect((svg.match(new RegExp(`</${tag}>`, 'g')) ?? []).length).toBe(open - selfClosed);
    }
  });

  it('refuses weights that do not match the labels', () => {
    expect(() => attentionSvg(weights, ['a', 'b', 'c'], ['x'])).toThrow(/2 weight rows for 1 output labels/);
    expect(() => attentionSvg(weights, ['a', 'b'], ['x', 'y'])).toThrow(/row 0 has 3 weights for 2 input labels/);
  });
});
