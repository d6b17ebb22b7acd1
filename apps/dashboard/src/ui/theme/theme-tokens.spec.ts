import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cssVar, themeTokens } from './theme-tokens';

const stylesheet = readFileSync(join(__dirname, 'theme.css'), 'utf8');
const declared = [...stylesheet.matchAll(/(--vigil-[a-z0-9-]+)\s*:\s*([^;]+);/g)];
const valueOf = new Map(declared.map(([, property, value]) => [property, value?.trim()]));

/** Names the colour family of a `#rrggbb` custom property, coarsely. */
function colourFamily(property: string): string {
  const hex = valueOf.get(property) ?? '';
  const [red = 0, green = 0, blue = 0] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const high = (channel: number) => channel >= 180;
  const low = (channel: number) => channel <= 80;
  if (high(red) && low(green) && low(blue)) return 'red';
  if (high(red) && high(green) && low(blue)) return 'yellow';
  if (low(red) && high(green) && high(blue)) return 'cyan';
  return `other (${hex})`;
}

describe('theme tokens', () => {
  it('exports exactly the custom properties theme.css declares', () => {
    expect([...valueOf.keys()].sort()).toEqual(Object.values(themeTokens).sort());
  });

  it('gives the alarm priorities the IEC 60601-1-8 colours: high red, medium yellow, low cyan', () => {
    expect(colourFamily(themeTokens.alarmHigh)).toBe('red');
    expect(colourFamily(themeTokens.alarmMedium)).toBe('yellow');
    expect(colourFamily(themeTokens.alarmLow)).toBe('cyan');
  });

  it('refers to a token through var()', () => {
    expect(cssVar('alarmHigh')).toBe('var(--vigil-alarm-high)');
  });
});
