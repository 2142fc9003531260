// A reading thread's first module (read-pool.ts). A worker thread gets none of its parent's
// module hooks — not those of `node --import tsx`, nor those bin/sanxiang.js registers — so it
// registers tsx itself before the TypeScript entry is loaded.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
