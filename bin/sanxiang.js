#!/usr/bin/env node
// The `sanxiang` command. TypeScript runs directly through tsx (DESIGN: no separate build step).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const command = process.argv[2];
const SEMI_SPACE = '--max-semi-space-size';

if (command === 'verify' && !`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.includes(SEMI_SPACE)) {
  // verify reads the whole ledger page by page; under that allocation rate V8 grows its young
  // generation to 16 MB per semi-space (Node 20) and the heap with it, and the process passes the
  // 200 MB it is allowed. With 2 MB semi-spaces it stays well below, at the same speed
  // (docs/performance.md §2). V8 reads the flag only at start, hence a child process; this one
  // only waits for it (no TypeScript loaded here).
  const child = spawn(process.execPath, [...process.execArgv, `${SEMI_SPACE}=2`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else {
      process.exit(code ?? 1);
    }
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  if (command === 'verify') {
    // Only what verifying needs is loaded, not the server, documents and importers.
    const { runVerifyCommand } = await import('../src/cli/verify.ts');
    await runVerifyCommand(process.argv);
  } else {
    await import('../src/cli/main.ts');
  }
}
