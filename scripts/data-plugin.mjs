// Bundle plugins. `import data from './data/x.yaml?data'`: the data files are parsed and checked against their schemas when a bundle
// is built (language/domain/data-check.ts), and the bundle carries the checked data as JSON, so neither the server nor
// the CLI parses YAML or compiles a schema at start-up. Used by scripts/build.mjs (esbuild) and vitest.config.ts (Vite).
// A broken file fails the build with the DataFileError message, which names the file and the path inside it.
import { build } from 'esbuild';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// A temporary ES module of bundled TypeScript; its CommonJS dependencies still call require().
const temporaryModule = {
    bundle: true, platform: 'node', target: 'node20', format: 'esm', write: false, logLevel: 'silent',
    banner: { js: "import { createRequire as __jxmbCreateRequire } from 'node:module'; const require = __jxmbCreateRequire(import.meta.url);" }
};

// Node 20 cannot import TypeScript: data-check.ts (with yaml and ajv) is bundled once into a temporary module.
let checker;
function loadChecker() {
    return checker ??= (async () => {
        const dir = await mkdtemp(join(tmpdir(), 'jxmb-data-'));
        try {
            const outfile = join(dir, 'data-check.mjs');
            const result = await build({
                ...temporaryModule, entryPoints: [join(root, 'language/domain/data-check.ts')], outfile
            });
            await writeFile(outfile, result.outputFiles[0].text);
            return await import(pathToFileURL(outfile).href);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    })();
}

/** The file as DataFileError messages name it: relative to the repository (language/domain/data/units.yaml). */
export function dataFileLabel(path) {
    return relative(root, path).split(sep).join('/');
}

/** The parsed and checked content of a data file; rejects with the checker's DataFileError. */
export async function checkedData(path) {
    const { checkDataFile } = await loadChecker();
    return checkDataFile(dataFileLabel(path), await readFile(path, 'utf8'));
}

/** esbuild: `?data` imports become JSON modules; a broken file is a build error with the DataFileError message. */
export const dataPlugin = {
    name: 'jxmb-data',
    setup(b) {
        b.onResolve({ filter: /\?data$/ }, args => ({ path: resolve(args.resolveDir, args.path.slice(0, -'?data'.length)), namespace: 'jxmb-data' }));
        b.onLoad({ filter: /.*/, namespace: 'jxmb-data' }, async args => {
            try {
                return { contents: JSON.stringify(await checkedData(args.path)), loader: 'json', watchFiles: [args.path] };
            } catch (error) {
                if (error?.name !== 'DataFileError') throw error;
                return { errors: [{ text: error.message, location: { file: dataFileLabel(args.path) } }], watchFiles: [args.path] };
            }
        });
    }
};

/** `import text from './x.txt?raw'`: a text file travels inside the bundle, as Vite does it for the tests. */
export const rawPlugin = {
    name: 'raw',
    setup(b) {
        b.onResolve({ filter: /\?raw$/ }, args => ({ path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw' }));
        b.onLoad({ filter: /.*/, namespace: 'raw' }, async args => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
    }
};

/** Vite (vitest): the same for the tests, so that they run on the data exactly as the bundles carry it. */
export function viteDataPlugin() {
    return {
        name: 'jxmb-data',
        enforce: 'pre',
        async load(id) {
            if (!id.endsWith('?data')) return null;
            const path = id.slice(0, -'?data'.length);
            this.addWatchFile(path);
            return `export default ${JSON.stringify(await checkedData(path))};`;
        }
    };
}

/**
 * The checks a schema cannot express (duplicates, code prefixes, regular expressions, units known to units.yaml) run
 * when the domain modules load: load them once, as the bundles will, so that the build fails on those too.
 */
export async function checkDomainData() {
    const dir = await mkdtemp(join(tmpdir(), 'jxmb-domain-'));
    try {
        const outfile = join(dir, 'domain.mjs');
        const result = await build({
            ...temporaryModule, outfile, plugins: [dataPlugin],
            stdin: { contents: "import './language/domain/index.ts'; import './language/domain/indicator-names.ts';", resolveDir: root, loader: 'ts' }
        });
        await writeFile(outfile, result.outputFiles[0].text);
        await import(pathToFileURL(outfile).href);
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}
