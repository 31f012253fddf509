// Builds an HNSW graph off the main thread (see src/store/hnsw-writer.ts): the main thread
// segments and embeds the next batch while this thread inserts the last one. Plain JavaScript
// so that the same file serves the compiled program (dist/) and the tests (src/).
const { parentPort, workerData } = require("node:worker_threads");
const { HierarchicalNSW } = require("hnswlib-node");

const { space, dimension, capacity, m, efConstruction, from } = workerData;
const index = new HierarchicalNSW(space, dimension);
if (from) index.readIndexSync(from, true);
else index.initIndex(Math.max(1, capacity), m, efConstruction, 100, true);

parentPort.on("message", (message) => {
  try {
    if (message.type === "add") {
      const vectors = new Float32Array(message.vectors);
      const needed = index.getCurrentCount() + message.labels.length;
      if (needed > index.getMaxElements()) index.resizeIndex(Math.ceil(needed * 1.5));
      message.labels.forEach((label, position) => {
        const start = position * dimension;
        index.addPoint(Array.from(vectors.subarray(start, start + dimension)), label, true);
      });
    } else if (message.type === "remove") {
      for (const label of message.labels) index.markDelete(label);
    } else if (message.type === "save") {
      index.writeIndexSync(message.path);
      parentPort.postMessage({ type: "saved", slots: index.getCurrentCount() });
    }
  } catch (error) {
    parentPort.postMessage({ type: "error", message: String(error?.message ?? error) });
  }
});
