// A reading thread's first module (read-pool.ts). Under `node --import tsx` (tests) the thread
// inherits the TypeScript loader; started by bin/sanxiang.js, which registers tsx in its own
// thread only, it registers it here before loading the TypeScript entry.
import { workerData } from 'node:worker_threads';

try {
  await import(workerData.entry);
} catch (err) {
  if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
  const { register } = await import('tsx/esm/api');
  register();
  // Another URL: the failed import of the first is remembered.
  await import(`${workerData.entry}?tsx`);
}
