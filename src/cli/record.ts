import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ConfigFlags } from '../kernel/config.ts';
import { exportRecord, verifyBundle, type BundleReport } from '../ledger/bundle.ts';
import { dataDirOption, log, withApp } from './common.ts';
const out = (msg: string) => process.stdout.write(`${msg}\n`);

/**
 * `sanxiang export-record SUBJECT` writes the record bundle of one subject (a case; today an
 * officer, a user or an agency); `sanxiang verify-bundle FILE` checks one from its bytes alone —
 * no database, no network — and exits 1 naming the first file that does not check out.
 */
export function registerRecordCommands(program: Command): void {
  program
    .command('export-record')
    .description('write the record bundle (zip) of one subject: its events, their inclusion proofs against signed checkpoints, the public key and a manifest')
    .argument('<subject>', 'the subject id (a case, officer, user or agency id)')
    .option('--out <file>', 'where to write the zip (default: record-<subject>.zip in the current directory)')
    .addOption(dataDirOption())
    .action(async (subject: string, flags: ConfigFlags & { out?: string }) => {
      await withApp(flags, async (app) => {
        const bundle = await exportRecord(app, subject);
        const file = path.resolve(flags.out ?? bundle.filename);
        fs.writeFileSync(file, bundle.bytes);
        const events = bundle.manifest.logs.reduce((n, l) => n + l.events.length, 0);
        log(`已导出记录包 ${file}：主体 ${subject}，${events} 条事件，${bundle.manifest.logs.length} 个日志，签名公钥 ${bundle.manifest.key.name} ${bundle.manifest.key.id}`);
      });
    });

  program
    .command('verify-bundle')
    .description('check a record bundle offline (no database, no network); exit 1 naming the first bad file')
    .argument('<file>', 'the record bundle (.zip)')
    .option('--key <file>', 'the platform public key (.vkey) obtained from the platform (/api/public/key); the bundle must carry this key')
    .option('--trust-embedded-key', 'check against the key inside the bundle (proves only internal consistency: anyone can sign a made-up log with a key of their own)')
    .option('--json', 'print the report as JSON')
    .action((file: string, flags: { key?: string; json?: boolean; trustEmbeddedKey?: boolean }) => {
      if (flags.key === undefined && !flags.trustEmbeddedKey) {
        log('请用 --key 指定从平台获得的公钥（/api/public/key）；只核对包内公钥请加 --trust-embedded-key');
        process.exitCode = 1;
        return;
      }
      const trustedKey = flags.key === undefined ? undefined : fs.readFileSync(flags.key, 'utf8');
      const report = verifyBundle(fs.readFileSync(file), trustedKey === undefined ? {} : { trustedKey });
      if (flags.json) out(JSON.stringify(report, null, 2));
      else printReport(file, report);
      process.exitCode = report.ok ? 0 : 1;
    });
}

function printReport(file: string, r: BundleReport): void {
  if (r.subject) out(`记录包 ${file}：主体 ${r.subject}，导出于 ${r.createdAt}，${r.events} 条事件`);
  for (const l of r.logs) out(`  ${l.origin}（日志 ${l.log}）：${l.events} 条事件，检查点大小 ${l.size}，根 ${l.root}`);
  if (!r.ok) {
    out(`核验失败：${r.problem!.file ?? '(记录包)'}：${r.problem!.message}`);
    return;
  }
  out(`签名公钥：${r.key!.name} ${r.key!.id}`);
  if (r.keyPinned) out('公钥与指定的可信公钥一致。');
  else out('注意：未指定 --key，检查点只用记录包自带的公钥核验。请用从平台 /api/public/key 取得的公钥再核验（--key 文件）。');
  out(`核验通过：${r.events} 条事件均在已签名检查点所承诺的日志中，内容未被改动。`);
}
