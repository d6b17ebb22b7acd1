/**
 * The names of the custom properties declared in theme.css, for code that must set a colour
 * itself (charts). Keep the two in step; theme-tokens.spec.ts fails when they drift.
 */
export const themeTokens = {
  colorBackground: '--vigil-color-background',
  colorSurface: '--vigil-color-surface',
  colorSurfaceRaised: '--vigil-color-surface-raised',
  colorBorder: '--vigil-color-border',
  colorText: '--vigil-color-text',
  colorTextMuted: '--vigil-color-text-muted',
  colorFocus: '--vigil-color-focus',
  stateInfusing: '--vigil-state-infusing',
  statePaused: '--vigil-state-paused',
  stateRecovery: '--vigil-state-recovery',
  stateWaiting: '--vigil-state-waiting',
  statusOk: '--vigil-status-ok',
  statusError: '--vigil-status-error',
  trendHeartRate: '--vigil-trend-heart-rate',
  trendSpo2: '--vigil-trend-spo2',
  trendSystolic: '--vigil-trend-systolic',
  trendDiastolic: '--vigil-trend-diastolic',
  trendRespRate: '--vigil-trend-resp-rate',
  trendBaseline: '--vigil-trend-baseline',
  trendMarker: '--vigil-trend-marker',
  alarmHigh: '--vigil-alarm-high',
  alarmHighText: '--vigil-alarm-high-text',
  alarmMedium: '--vigil-alarm-medium',
  alarmMediumText: '--vigil-alarm-medium-text',
  alarmLow: '--vigil-alarm-low',
  alarmLowText: '--vigil-alarm-low-text',
  fontFamily: '--vigil-font-family',
  fontFamilyNumeric: '--vigil-font-family-numeric',
  radius: '--vigil-radius',
  space: '--vigil-space',
} as const;

export type ThemeToken = keyof typeof themeTokens;

export function cssVar(token: ThemeToken): string {
  return `var(${themeTokens[token]})`;
}
