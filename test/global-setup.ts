import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { PROJECT_ROOT } from "./helpers.js";

/** The CLI tests run the real `bin/policy-qa.js`, so dist/ must match the sources. */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
  });
}
