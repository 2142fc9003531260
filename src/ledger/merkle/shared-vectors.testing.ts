/**
 * Test support: third-party test vectors live outside the project, in ../shared/testvectors
 * (relative to the repository root), and are read in place — never copied in. Where the folder
 * is absent a test skips with a message; under CI=true it fails instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

/** repoRoot is the project root (the folder holding package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** sharedVectorPath resolves `../shared/testvectors/<sub>` against the repository root. */
export function sharedVectorPath(sub: string): string {
  return path.resolve(repoRoot, '../shared/testvectors', sub);
}

/**
 * sharedVectorsOrSkip returns the absolute path of `../shared/testvectors/<sub>` if it exists.
 * Otherwise it skips the test with a message and returns undefined — or, under CI=true, throws
 * so that the test fails.
 */
export function sharedVectorsOrSkip(t: TestContext, sub: string): string | undefined {
  const p = sharedVectorPath(sub);
  if (fs.existsSync(p)) return p;
  const message = `third-party test vectors not found at ${p}`;
  if (process.env.CI === 'true') throw new Error(`${message}; they are required when CI=true`);
  t.skip(message);
  return undefined;
}
