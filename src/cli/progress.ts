import cliProgress from "cli-progress";
import type { BuildProgress } from "../ingest/build-index.js";

const LABELS: Record<BuildProgress["phase"], string> = {
  reading: "Reading corpus",
  dictionary: "Building the English↔Chinese bridge",
  embedding: "Embedding chunks",
  writing: "Writing index",
};

/** A progress reporter for index builds: a bar on a terminal, plain lines otherwise. */
export function buildProgressReporter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (progress: BuildProgress) => void;
  stop: () => void;
} {
  let bar: cliProgress.SingleBar | undefined;
  let phase: BuildProgress["phase"] | undefined;
  const interactive = Boolean(stream.isTTY);
  return {
    onProgress(progress) {
      if (progress.phase !== phase) {
        bar?.stop();
        bar = undefined;
        phase = progress.phase;
        if (progress.phase === "embedding" && interactive) {
          bar = new cliProgress.SingleBar(
            {
              stream,
              format: `${LABELS.embedding} [{bar}] {value}/{total} chunks`,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(progress.total, progress.done);
          return;
        }
        stream.write(`${LABELS[progress.phase]}…\n`);
      }
      bar?.update(progress.done);
    },
    stop() {
      bar?.stop();
    },
  };
}
