/** One line about an error, for logs: its class and message, never request details. */
export function describe(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}
