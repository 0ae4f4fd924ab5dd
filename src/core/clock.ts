// Time as a dependency, so scheduled work and tests agree on "now".

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
