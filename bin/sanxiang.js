#!/usr/bin/env node
// The `sanxiang` command. TypeScript runs directly through tsx (DESIGN: no separate build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
