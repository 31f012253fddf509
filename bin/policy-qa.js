#!/usr/bin/env node
// Runs the compiled CLI (dist/ is built by `npm ci`/`npm install` through the prepare script).
import("../dist/cli/main.js").then(
  async ({ main }) => {
    process.exitCode = await main(process.argv);
  },
  (error) => {
    if (error?.code === "ERR_MODULE_NOT_FOUND") {
      process.stderr.write(
        "policy-qa: dist/ is missing; run `npm ci` (or `npm run build`) in the project root\n",
      );
      process.exitCode = 1;
      return;
    }
    throw error;
  },
);
