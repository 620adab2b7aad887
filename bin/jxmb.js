#!/usr/bin/env node
// The CLI is bundled by `npm run build` (scripts/build.mjs) into dist/cli.mjs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
    process.stderr.write('jxmb 尚未构建：请先运行 npm run build。\n');
    process.exit(2);
}
await import(bundle);
