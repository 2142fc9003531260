import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIST } from '../http/server.ts';

const WEB_ROOT = path.resolve(WEB_DIST, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app when it has never been built or its sources are newer than the build. */
export async function ensureWebBuilt(log: (msg: string) => void): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = [path.join(WEB_ROOT, 'src'), path.join(WEB_ROOT, 'index.html'), path.resolve(WEB_ROOT, '../src/shared')];
  if (fs.existsSync(index)) {
    const built = fs.statSync(index).mtimeMs;
    const changed = sources.some((s) => fs.existsSync(s) && (fs.statSync(s).isDirectory() ? newestMtime(s) : fs.statSync(s).mtimeMs) > built);
    if (!changed) return;
  }
  log('正在构建网页（首次启动约需一分钟）… building the web app');
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
