/**
 * Target 3 — inclusion proofs are O(log n): the median latency of `inclusionProof(nodeReader(db,
 * log), index, size)` over 1,000 random indexes in a log of the larger size vs one of the smaller
 * size, measured in the same run against the same real `tree_nodes` table (SQLite), interleaved.
 * Target: ratio ≤ 1.5×.
 *
 * No events are needed for a proof: each log's tree is filled with the perfect-subtree nodes that
 * CompactRange computes from synthetic leaf hashes (leaf i = SHA-256(0x00 ‖ "leaf <i>")), bulk
 * inserted. Every measured proof is also checked against the tree's root (untimed).
 *
 *   npx tsx bench/proofs.ts            # 1,000,000 vs 10,000,000 leaves (~2–3 min; ~3 GB of disk)
 *   npx tsx bench/proofs.ts --quick    # 100,000 vs 1,000,000 leaves (~20 s)
 *   npx tsx bench/proofs.ts --sizes 10M,100M
 */
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import fs from 'node:fs';
import { openApp } from '../src/context.ts';
import { CompactRange, inclusionProof, leafHash, verifyInclusion, type NodeReader } from '../src/ledger/merkle/index.ts';
import { nodeReader } from '../src/ledger/tree-store.ts';
import { openStore } from '../src/store/db.ts';
import { figure, flags, fmt, header, intFlag, mb, ms, progressBar, prng, ratio, scratchDir, summary } from './common.ts';

const USAGE = `
npx tsx bench/proofs.ts [options]
  --quick           100,000 vs 1,000,000 leaves (default: 1,000,000 vs 10,000,000,
                    which needs ~3 GB of disk and 2–3 minutes to build)
  --sizes A,B       any two sizes (e.g. 10k,100k)
  --samples N       random indexes per size (default 1,000)
  --dir D           where the database goes (default: OS temp dir)
  --keep            keep the scratch directory
`;

const f = flags(USAGE, {
  quick: { type: 'boolean' },
  sizes: { type: 'string' },
  samples: { type: 'string' },
  dir: { type: 'string' },
  keep: { type: 'boolean' },
});
const sizeText = (f.sizes as string | undefined) ?? (f.quick ? '100k,1M' : '1M,10M');
const sizes = sizeText.split(',').map((s, i) => intFlag(s, `sizes[${i}]`, 0));
if (sizes.length !== 2) throw new Error('--sizes takes two sizes, e.g. 1M,10M');
sizes.sort((a, b) => a - b);
const samples = intFlag(f.samples, 'samples', 1000);
const dir = scratchDir(f.dir as string | undefined, !!f.keep);
const dbFile = path.join(dir, 'sanxiang.db');

header(`Target 3: inclusion proofs at ${fmt(sizes[1]!)} vs ${fmt(sizes[0]!)} leaves (SQLite tree_nodes)`);

// ---- build: one log per size, in the same tree_nodes table ----
const app = await openApp({ sqlitePath: dbFile }, dir);
const logs = sizes.map((size, j) => ({ id: `00000000-0000-4000-a000-${String(j).padStart(12, '0')}`, size, root: Buffer.alloc(0) as Buffer }));
await app.db.transaction().execute(async (trx) => {
  for (const l of logs) await app.ledger.openLog(trx, { id: l.id, origin: `sanxiang/proofs-${l.size}`, agencyId: l.id });
});
await app.close();

const syntheticLeaf = (i: number) => leafHash(Buffer.from(`leaf ${i}`));
const raw = new Sqlite(dbFile);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = OFF'); // building only
raw.pragma('cache_size = -524288');
const ROWS = 64;
const insertMany = raw.prepare(`INSERT INTO tree_nodes (log_id, level, idx, hash) VALUES ${Array(ROWS).fill('(?, ?, ?, ?)').join(', ')}`);
const insertOne = raw.prepare('INSERT INTO tree_nodes (log_id, level, idx, hash) VALUES (?, ?, ?, ?)');
const totalLeaves = sizes.reduce((a, b) => a + b, 0);
const bar = progressBar('build tree_nodes');
const b0 = performance.now();
let built = 0;
let rows = 0;
for (const l of logs) {
  const range = new CompactRange();
  const STEP = 250_000;
  for (let from = 0; from < l.size; from += STEP) {
    const to = Math.min(l.size, from + STEP);
    raw.transaction(() => {
      let params: unknown[] = [];
      for (let i = from; i < to; i++) {
        for (const n of range.append(syntheticLeaf(i))) {
          params.push(l.id, n.level, n.index, n.hash);
          if (params.length === ROWS * 4) {
            insertMany.run(params);
            params = [];
          }
          rows++;
        }
      }
      for (let k = 0; k < params.length; k += 4) insertOne.run(params.slice(k, k + 4));
    })();
    built += to - from;
    bar.update(built, totalLeaves);
  }
  l.root = range.root();
}
bar.stop();
raw.pragma('wal_checkpoint(TRUNCATE)');
raw.close();
const buildSeconds = (performance.now() - b0) / 1000;

// ---- measure through the application's store and node reader ----
const store = openStore({ sqlitePath: dbFile });
try {
  const rand = prng(20261125);
  const picks = logs.map((l) => Array.from({ length: samples }, () => Math.floor(rand() * l.size)));
  const readers = logs.map((l) => nodeReader(store.db, l.id));
  // Warm-up (statement cache, JIT, page cache), then the timed proofs, the sizes interleaved.
  for (let k = 0; k < Math.min(100, samples); k++) for (let j = 0; j < logs.length; j++) await inclusionProof(readers[j]!, picks[j]![k]!, logs[j]!.size);
  const times: number[][] = logs.map(() => []);
  const proofs: Buffer[][][] = logs.map(() => []);
  const mbar = progressBar('proofs');
  for (let k = 0; k < samples; k++) {
    for (let j = 0; j < logs.length; j++) {
      const t0 = performance.now();
      const proof = await inclusionProof(readers[j]!, picks[j]![k]!, logs[j]!.size);
      times[j]!.push(performance.now() - t0);
      proofs[j]!.push(proof);
    }
    if (k % 50 === 0) mbar.update(k + 1, samples);
  }
  mbar.stop();
  // The same proofs with one query per node (a reader without getMany), for comparison.
  const oneByOne = logs.map((_, j) => ({ get: readers[j]!.get.bind(readers[j]) }) satisfies NodeReader);
  const timesOneByOne: number[][] = logs.map(() => []);
  for (let k = 0; k < samples; k++) {
    for (let j = 0; j < logs.length; j++) {
      const t0 = performance.now();
      await inclusionProof(oneByOne[j]!, picks[j]![k]!, logs[j]!.size);
      timesOneByOne[j]!.push(performance.now() - t0);
    }
  }
  // Untimed: every proof verifies against the root, and how many nodes (and queries) a proof reads.
  const reads: number[] = [];
  const queries: number[] = [];
  for (let j = 0; j < logs.length; j++) {
    const l = logs[j]!;
    for (let k = 0; k < samples; k++) verifyInclusion(syntheticLeaf(picks[j]![k]!), picks[j]![k]!, l.size, proofs[j]![k]!, l.root);
    let count = 0;
    let q = 0;
    const counting: NodeReader = {
      get: (level, index) => (count++, q++, readers[j]!.get(level, index)),
      getMany: (nodes) => ((count += nodes.length), q++, readers[j]!.getMany!(nodes)),
    };
    for (let k = 0; k < samples; k++) await inclusionProof(counting, picks[j]![k]!, l.size);
    reads.push(count / samples);
    queries.push(q / samples);
  }

  process.stdout.write(`\n-- tree_nodes: ${fmt(rows)} rows for ${fmt(totalLeaves)} leaves, built in ${fmt(buildSeconds, 1)} s; database ${mb(fileSize(dbFile))} --\n`);
  const stats = times.map((t) => summary(t));
  for (let j = 0; j < logs.length; j++) {
    const s = stats[j]!;
    figure(`${fmt(logs[j]!.size)} leaves: median proof latency`, ms(s.median), `p90 ${ms(s.p90)}, p99 ${ms(s.p99)}; ${fmt(reads[j]!, 1)} node reads in ${fmt(queries[j]!, 1)} queries, ${fmt(proofs[j]!.reduce((a, p) => a + p.length, 0) / samples, 1)} hashes per proof`);
  }
  const statsOneByOne = timesOneByOne.map((t) => summary(t));
  for (let j = 0; j < logs.length; j++) figure(`  … one query per node instead (${fmt(logs[j]!.size)} leaves)`, ms(statsOneByOne[j]!.median), `p90 ${ms(statsOneByOne[j]!.p90)}`);
  figure('all proofs verified against their tree root', `${fmt(samples * logs.length)}`);
  ratio(`median at ${fmt(sizes[1]!)} ÷ median at ${fmt(sizes[0]!)}`, stats[1]!.median, stats[0]!.median, { atMost: 1.5 });
  figure('  … with one query per node', `${fmt(statsOneByOne[1]!.median / statsOneByOne[0]!.median, 3)}×`);
  figure('(log2 ratio of the sizes, for reference)', `${fmt(Math.log2(sizes[1]!) / Math.log2(sizes[0]!), 3)}×`);
} finally {
  await store.close();
}

function fileSize(file: string): number {
  return fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
}
