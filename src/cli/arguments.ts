import { InvalidArgumentError } from "commander";

/** Parses `-k`: the number of passages to retrieve, 1 to 50. */
export function passageCount(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 50) {
    throw new InvalidArgumentError("expected a whole number from 1 to 50");
  }
  return number;
}
