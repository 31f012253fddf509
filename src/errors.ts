/** Stable error codes, so that surfaces can map errors to exit codes and messages. */
export type ErrorCode =
  | "USAGE"
  | "CORPUS_EMPTY"
  | "CORPUS_UNREADABLE"
  | "INDEX_INVALID"
  | "CONFIG_INVALID"
  | "PROVIDER_FAILED";

/** Base class: `message` is one line that says what happened and what to do next. */
export class PolicyQaError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Bad input from the user: exit code 2. */
export class UsageError extends PolicyQaError {
  constructor(message: string) {
    super("USAGE", message);
  }
}

export class CorpusEmptyError extends PolicyQaError {
  constructor(directory: string) {
    super(
      "CORPUS_EMPTY",
      `no .txt or .md documents in ${directory}; add at least one, then run \`policy-qa ingest\``,
    );
  }
}

export class CorpusUnreadableError extends PolicyQaError {
  constructor(path: string, reason: string, cause?: unknown) {
    super(
      "CORPUS_UNREADABLE",
      `cannot read ${path} (${reason}); fix or remove the file, then run \`policy-qa ingest\``,
      {
        cause,
      },
    );
  }
}

/** The index on disk is damaged or does not match the corpus/embedder; it is rebuilt. */
export class IndexInvalidError extends PolicyQaError {
  /** What is wrong, without the advice (for the notice when it is rebuilt automatically). */
  readonly reason: string;
  constructor(reason: string, cause?: unknown) {
    super("INDEX_INVALID", `index/ ${reason}; run \`policy-qa ingest --rebuild\``, { cause });
    this.reason = reason;
  }
}

export class ConfigError extends PolicyQaError {
  constructor(message: string) {
    super("CONFIG_INVALID", message);
  }
}

/** A hosted model or endpoint failed after its retries. */
export class ProviderError extends PolicyQaError {
  readonly status: number | undefined;
  constructor(message: string, status?: number, cause?: unknown) {
    super("PROVIDER_FAILED", message, { cause });
    this.status = status;
  }
}
