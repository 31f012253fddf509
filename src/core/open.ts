import type { PolicyQa } from "./service.types.js";

/** Options for opening the service from a project directory. */
export interface OpenOptions {
  /** Project root holding corpus/ and index/ (default: the current directory). */
  root?: string;
  /** Environment to read configuration from (default: process.env). */
  environment?: Record<string, string | undefined>;
  /** Told about (re)building the index, for progress output. */
  onProgress?: (event: { phase: string; done: number; total: number }) => void;
  /** Told once about notable conditions ("index was stale, rebuilt"). */
  onNotice?: (message: string) => void;
}

/** Loads configuration, makes sure the index is built and fresh, and returns the core service. */
export async function openPolicyQa(_options: OpenOptions = {}): Promise<PolicyQa> {
  throw new Error("openPolicyQa: being written (core issue #2)");
}
