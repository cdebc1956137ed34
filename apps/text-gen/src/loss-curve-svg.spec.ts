import { lossCurveSvg, niceTicks } from './loss-curve-svg';

function polyline(svg: string, name: string): Array<[number, number]> {
  const match = new RegExp(`<polyline class="${name}"[^>]* points="([^"]*)"`).exec(svg);
  if (!match) return [];
  return match[1].split(' ').map((p) => p.split(',').map(Number) as [number, number]);
}

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten and covers the range', () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(1.32, 2.71)).toEqual([1.5, 2, 2.5]); // raw step 0.23 → 0.5
    expect(niceTicks(0, 3_000_000)).toEqual([0, 500000, 1000000, 1500000, 2000000, 2500000, 3000000]);
    expect(niceTicks(5, 5)).toEqual([5]);
  });
});

describe('lossCurveSvg', () => {
  const curves = {
    train: [[1000, 4], [2000, 3], [3000, 2.5], [4000, 2]] as Array<[number, number]>,
    validation: [[2000, 3.2], [4000, 2.2]] as Array<[number, number]>,
  };

  it('draws one point per history entry, left to right, a falling loss going down, inside the plot area', () => {
    const svg = lossCurveSvg(curves, 'run <1> & more');
    expect(svg).toContain('run &lt;1&gt; &amp; more');
    const train = polyline(svg, 'train');
    const validation = polyline(svg, 'validation');
    expect(train).toHaveLength(4);
    expect(validation).toHaveLength(2);
    for (const [x, y] of [...train, ...validation]) {
      expect(x).toBeGreaterThanOrEqual(70);
      expect(x).toBeLessThanOrEqual(720 - 24);
      expect(y).toBeGreaterThanOrEqual(44);
      expect(y).toBeLessThanOrEqual(420 - 58);
    }
    train.slice(1).forEach(([x, y], i) => {
      expect(x).toBeGreaterThan(train[i][0]);
      expect(y).toBeGreaterThan(train[i][1]); // SVG y grows downwards
    });
    // The last point, at the largest x, lies on the right edge of the plot.
    expect(train[3][0]).toBeCloseTo(720 - 24, 0);
    expect(svg.match(/<circle /g)).toHaveLength(2);
  });

  it('says so when nothing has been recorded', () => {
    const svg = lossCurveSvg({ train: [], validation: [] }, 'empty');
    expect(svg).toContain('no loss recorded yet');
    expect(svg).not.toContain('<polyline');
  });
});
