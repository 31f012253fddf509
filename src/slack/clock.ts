/** Source of the current time in milliseconds; injected so that tests control expiry. */
export interface Clock {
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };
