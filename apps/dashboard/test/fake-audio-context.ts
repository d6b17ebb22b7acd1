/**
 * Enough of the Web Audio API to drive the alarm sound from a test: it keeps the graph of
 * connections and each oscillator's start and stop, and moves its clock only when told to.
 */

class FakeNode {
  readonly outputs = new Set<FakeNode>();

  connect<T extends FakeNode>(node: T): T {
    this.outputs.add(node);
    return node;
  }

  disconnect(): void {
    this.outputs.clear();
  }

  reaches(target: FakeNode): boolean {
    return this === target || [...this.outputs].some((node) => node.reaches(target));
  }
}

class FakeParam {
  value = 0;
  readonly automation: Array<{ kind: 'set' | 'ramp'; value: number; at: number }> = [];

  setValueAtTime(value: number, at: number): this {
    this.automation.push({ kind: 'set', value, at });
    return this;
  }

  linearRampToValueAtTime(value: number, at: number): this {
    this.automation.push({ kind: 'ramp', value, at });
    return this;
  }
}

export class FakeOscillator extends FakeNode {
  readonly frequency = new FakeParam();
  wave: unknown = null;
  startAt: number | null = null;
  stopAt: number | null = null;
  ended = false;
  private readonly endedListeners: Array<() => void> = [];

  constructor(private readonly context: FakeAudioContext) {
    super();
  }

  setPeriodicWave(wave: unknown): void {
    this.wave = wave;
  }

  start(at = 0): void {
    if (this.startAt !== null) throw new Error('InvalidStateError: start() called twice');
    this.startAt = at;
  }

  /** As in Web Audio, a time already past means now, and a later call replaces an earlier one. */
  stop(at = 0): void {
    if (this.startAt === null) throw new Error('InvalidStateError: stop() before start()');
    this.stopAt = Math.max(at, this.context.currentTime);
  }

  addEventListener(type: 'ended', listener: () => void): void {
    if (type === 'ended') this.endedListeners.push(listener);
  }

  end(): void {
    this.ended = true;
    this.endedListeners.forEach((listener) => listener());
  }
}

export class FakeGain extends FakeNode {
  readonly gain = new FakeParam();
}

export interface Pulse {
  at: number;
  until: number;
  frequencyHz: number;
}

export class FakeAudioContext {
  /** Every context created since the last install, newest last. */
  static readonly instances: FakeAudioContext[] = [];
  /** What a new context starts as: `suspended` is a browser's autoplay policy at work. */
  static initialState: AudioContextState = 'running';

  currentTime = 0;
  state: AudioContextState = FakeAudioContext.initialState;
  readonly destination = new FakeNode();
  readonly oscillators: FakeOscillator[] = [];
  private readonly stateListeners = new Set<() => void>();

  readonly resume = jest.fn(() => {
    this.changeState('running');
    return Promise.resolve();
  });

  readonly close = jest.fn(() => {
    this.changeState('closed');
    return Promise.resolve();
  });

  constructor() {
    FakeAudioContext.instances.push(this);
  }

  addEventListener(type: string, listener: () => void): void {
    if (type === 'statechange') this.stateListeners.add(listener);
  }

  removeEventListener(type: string, listener: () => void): void {
    if (type === 'statechange') this.stateListeners.delete(listener);
  }

  createOscillator(): FakeOscillator {
    const oscillator = new FakeOscillator(this);
    this.oscillators.push(oscillator);
    return oscillator;
  }

  createGain(): FakeGain {
    return new FakeGain();
  }

  createPeriodicWave(real: Float32Array, imag: Float32Array): { real: number[]; imag: number[] } {
    return { real: [...real], imag: [...imag] };
  }

  /** A browser suspending the context by itself (autoplay policy, another tab took the device). */
  changeState(state: AudioContextState): void {
    this.state = state;
    this.stateListeners.forEach((listener) => listener());
  }

  /** Moves the audio clock on, ending the pulses whose stop time has come. */
  advance(seconds: number): void {
    this.currentTime += seconds;
    for (const oscillator of this.oscillators) {
      if (
        !oscillator.ended &&
        oscillator.stopAt !== null &&
        oscillator.stopAt <= this.currentTime
      ) {
        oscillator.end();
      }
    }
  }

  /** Pulses still to sound, or sounding: started, not cut before their start, reaching the speakers. */
  pendingPulses(): Pulse[] {
    return this.oscillators
      .filter(
        (oscillator) =>
          oscillator.startAt !== null &&
          oscillator.stopAt !== null &&
          oscillator.stopAt > oscillator.startAt &&
          oscillator.stopAt > this.currentTime &&
          oscillator.reaches(this.destination),
      )
      .map((oscillator) => ({
        at: oscillator.startAt!,
        until: oscillator.stopAt!,
        frequencyHz: oscillator.frequency.value,
      }))
      .sort((a, b) => a.at - b.at);
  }
}

/** Makes `new AudioContext()` build fakes until the returned function puts the original back. */
export function installFakeAudioContext(initialState: AudioContextState = 'running'): () => void {
  const original = (globalThis as { AudioContext?: unknown }).AudioContext;
  FakeAudioContext.instances.length = 0;
  FakeAudioContext.initialState = initialState;
  (globalThis as { AudioContext?: unknown }).AudioContext = FakeAudioContext;
  return () => {
    (globalThis as { AudioContext?: unknown }).AudioContext = original;
  };
}

export function latestAudioContext(): FakeAudioContext {
  const context = FakeAudioContext.instances.at(-1);
  if (!context) throw new Error('no AudioContext was created');
  return context;
}

/** The fake as the player's type; it implements the part the player uses. */
export function asToneContext<T>(context: FakeAudioContext): T {
  return context as unknown as T;
}
