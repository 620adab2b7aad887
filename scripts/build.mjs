// Bundles the CLI, the language server and the VS Code client with esbuild. Type checking is `tsc` (npm test).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';

const production = process.argv.includes('--production');

/** `import text from './x.yaml?raw'`: the data files travel inside the bundle, as Vite does it for the tests. */
const rawPlugin = {
    name: 'raw',
    setup(b) {
        b.onResolve({ filter: /\?raw$/ }, args => ({ path: resolve(dirname(args.importer), args.path.slice(0, -4)), namespace: 'raw' }));
        b.onLoad({ filter: /.*/, namespace: 'raw' }, async args => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
    }
};

const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    plugins: [rawPlugin],
    logLevel: 'warning'
};

await Promise.all([
    build({
        ...common,
        entryPoints: ['language/cli/bin.ts'],
        outfile: 'dist/cli.mjs',
        format: 'esm',
        // Bundled CommonJS dependencies still call require(); give them one.
        banner: { js: "import { createRequire as __jxmbCreateRequire } from 'node:module'; const require = __jxmbCreateRequire(import.meta.url);" }
    }),
    build({ ...common, entryPoints: ['language/main.ts'], outfile: 'dist/server.cjs', format: 'cjs' }),
    build({ ...common, entryPoints: ['extension/main.ts'], outfile: 'dist/extension.cjs', format: 'cjs', external: ['vscode'] })
]);
