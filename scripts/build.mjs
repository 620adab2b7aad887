// Bundles the CLI, the language server and the VS Code client with esbuild. Type checking is `tsc` (npm test).
import { build } from 'esbuild';
import { checkDomainData, dataPlugin, rawPlugin } from './data-plugin.mjs';

const production = process.argv.includes('--production');

const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    // `?data`: the domain data files, parsed and checked here; `?raw`: text files (scripts/data-plugin.mjs).
    plugins: [rawPlugin, dataPlugin],
    logLevel: 'warning'
};

// The data files are checked where they are imported (dataPlugin: syntax and schema) and when the domain modules load
// (duplicates, code prefixes …): the domain is loaded once here, so that a broken file fails the build, not a server.
try {
    await checkDomainData();
} catch (error) {
    // esbuild's failure lists the plugin's messages; a check of a loading module throws its DataFileError.
    const messages = error?.errors?.map(e => e.text) ?? (error?.name === 'DataFileError' ? [error.message] : undefined);
    if (!messages) throw error;
    for (const message of messages) process.stderr.write(`数据文件有误：${message}\n`);
    process.exit(1);
}

// Libraries the server loads only when a person first exports, imports or completes (`await import()`): bundled
// apart in dist/lib/, so that starting the server neither reads nor compiles them (≈ 3.7 MB of its 6.5 MB).
const LAZY_LIBRARIES = ['exceljs', 'mammoth', 'pinyin-pro'];
const lazyLibraries = {
    name: 'lazy-libraries',
    setup(b) {
        b.onResolve({ filter: new RegExp(`^(${LAZY_LIBRARIES.join('|')})$`) }, args =>
            args.kind === 'dynamic-import' ? { path: `./lib/${args.path}.cjs`, external: true } : undefined);
    }
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
    build({ ...common, entryPoints: ['language/main.ts'], outfile: 'dist/server.cjs', format: 'cjs', plugins: [...common.plugins, lazyLibraries] }),
    // `export *` lists an ES module's names where the server's import() of a CommonJS file finds them; a CommonJS
    // package is that import's default, as before.
    ...LAZY_LIBRARIES.map(name => build({
        ...common,
        stdin: { contents: `export * from '${name}';`, resolveDir: '.', loader: 'js' },
        outfile: `dist/lib/${name}.cjs`, format: 'cjs'
    })),
    build({ ...common, entryPoints: ['extension/main.ts'], outfile: 'dist/extension.cjs', format: 'cjs', external: ['vscode'] })
]);
