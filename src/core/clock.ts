// Time as a dependency, so scheduled work and tests agree on "now".

export interface Clock {
  now(): Date;
  /** Resolves once `ms` have passed on this clock: pacing and back-off wait through it, never on timers of their own. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** Whether the runtime knows this IANA time zone name ("Europe/Rome"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
