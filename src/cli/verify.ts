/**
 * `sanxiang verify`, in a module of its own: bin/sanxiang.js runs it without loading the rest of
 * the platform (server, documents, importers), which alone would put the process near the
 * 200 MB that verifying any number of events may use (docs/performance.md §2).
 */
import fs from 'node:fs';
import { Command } from 'commander';
import { dataDirOption, log } from './common.ts';
import { progressBar } from './progress.ts';
import { DomainError } from '../kernel/errors.ts';
import { loadConfig, type ConfigFlags } from '../kernel/config.ts';
import { recordedProfile } from '../ledger/crypto-profile.ts';
import { sm2NoteVerifier, sm2PublicKeyFromPem } from '../ledger/gm/sm2.ts';
import { loadSm2Verifier, loadVerifier, SM2_KEY_NAME } from '../ledger/keys.ts';
import { parseVerifierKey } from '../ledger/note/index.ts';
import { verifyLedger } from '../ledger/verify.ts';
import { openStore, storeOptionsFor } from '../store/db.ts';

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('re-derive every leaf, chain link, tree node and signed checkpoint of every log; exit 1 naming the first bad one')
    .addOption(dataDirOption())
    .option('--key <file>', 'the platform public key (.vkey); default: keys/checkpoint.key.pub in the data directory')
    .option('--sm2-key <file>', '国密: the SM2 co-signing public key (PEM); default: from the data directory')
    .option('--no-signatures', 'accept checking without a public key (roots are compared, signatures are not: an attacker with the database could pass)')
    .option('--json', 'print the report as JSON')
    .action(async (flags: ConfigFlags & { json?: boolean; key?: string; sm2Key?: string; signatures?: boolean }) => {
      // Verification reads only: no migration, no platform initialisation, nothing written.
      const config = loadConfig(flags);
      const verifier = flags.key ? parseVerifierKey(fs.readFileSync(flags.key, 'utf8').trim()) : loadVerifier(config.dataDir);
      if (!verifier && flags.signatures !== false) {
        log('未找到平台公钥：请用 --key 指定（或 --no-signatures 只比对默克尔根） (no public key: pass --key FILE)');
        process.exitCode = 1;
        return;
      }
      const store = openStore(storeOptionsFor(config));
      const bar = progressBar('校验 verify');
      let report;
      try {
        const sm2 = flags.sm2Key ? sm2NoteVerifier(SM2_KEY_NAME, sm2PublicKeyFromPem(fs.readFileSync(flags.sm2Key, 'utf8'))) : loadSm2Verifier(config.dataDir);
        const profile = await recordedProfile(store.db, undefined);
        if (verifier && profile.checkpointCosign.includes('sm2') && !sm2) {
          log('国密平台：缺少 SM2 联署公钥（--sm2-key） (gm platform: the SM2 co-signing key is required)');
          process.exitCode = 1;
          return;
        }
        report = await verifyLedger(store.db, { verifier, cosigners: sm2 && profile.checkpointCosign.includes('sm2') ? [sm2] : [], onProgress: (done, total) => bar.update(done, total) });
      } finally {
        bar.stop();
        await store.close();
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        for (const l of report.logs) {
          const status = l.problem ? `第一个问题：序号 ${l.problem.seq} ${l.problem.kind} — ${l.problem.message}` : '完好 ok';
          process.stdout.write(`${l.origin} (${l.log})：${l.size} 条事件，${l.checkpoints} 个检查点，${status}\n`);
        }
        process.stdout.write(report.ok ? `校验通过：共 ${report.events} 条事件\n` : '校验失败\n');
      }
      process.exitCode = report.ok ? 0 : 1;
    });
}

/** Runs `sanxiang verify …` alone (argv as process.argv), reporting errors as main.ts does. */
export async function runVerifyCommand(argv: readonly string[]): Promise<void> {
  const program = new Command('sanxiang').showHelpAfterError();
  registerVerifyCommand(program);
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (process.env.SANXIANG_DEBUG === '1') throw e;
    log(e instanceof DomainError ? `错误 ${e.code}：${e.message}` : `错误：${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
