import {
  SIDE_EFFECT_WORDS,
  TIMELINE_KIND_WORDS,
  type SideEffectCode,
  type TimelineKind,
} from '@vigil/shared';

/** `visual-disturbance` → `Visual disturbance`, from the table the server's timeline reads too. */
export function sideEffectLabel(code: SideEffectCode): string {
  return SIDE_EFFECT_WORDS[code];
}

export function timelineKindLabel(kind: TimelineKind): string {
  return TIMELINE_KIND_WORDS[kind];
}
