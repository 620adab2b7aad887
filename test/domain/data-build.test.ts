// The data files are parsed and checked when the bundles are built (scripts/data-plugin.mjs): the bundle carries the
// data the YAML says, and a broken file fails the build — and the tests — with a message naming file and path.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { dataPlugin, viteDataPlugin } from '../../scripts/data-plugin.mjs';
import { useTempDir } from '../helpers/temp-dir.js';

const shipped = (name: string) => readFileSync(new URL(`../../language/domain/data/${name}`, import.meta.url), 'utf8');
const temp = useTempDir('jxmb-data-build-');

/** Bundles `import data from '<path>?data'` as the build does; resolves with what the bundle exports. */
async function bundleData(path: string): Promise<unknown> {
    const result = await build({
        stdin: { contents: `import data from ${JSON.stringify(`${path}?data`)}; export default data;`, resolveDir: temp.at(), loader: 'js' },
        bundle: true, platform: 'node', format: 'esm', write: false, plugins: [dataPlugin], logLevel: 'silent'
    });
    const module = await import(`data:text/javascript,${encodeURIComponent(result.outputFiles[0]!.text)}`) as { default: unknown };
    return module.default;
}

/** The build's error messages (the build must fail). */
async function buildErrors(path: string): Promise<string[]> {
    try {
        await bundleData(path);
    } catch (error) {
        return (error as { errors?: Array<{ text: string }> }).errors?.map(e => e.text) ?? [String(error)];
    }
    throw new Error('expected the build to fail');
}

describe('the build carries checked data', () => {
    test('each shipped file arrives as its YAML reads', async () => {
        for (const name of ['taxonomy.yaml', 'units.yaml', 'vague-words.yaml', 'indicator-names.yaml', 'name-units.yaml']) {
            expect(await bundleData(temp.file(`ok/${name}`, shipped(name)))).toEqual(parse(shipped(name)));
        }
    });

    test('a schema violation fails the build, naming file and path', async () => {
        const broken = shipped('units.yaml').replace('{ unit: 场次, kind: count, source: RULES }', '{ unit: 场次, kind: count, source: RULES, color: red }');
        const errors = await buildErrors(temp.file('schema/units.yaml', broken));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/schema\/units\.yaml units\[0\]: unknown property "color"$/);
    });

    test('a YAML syntax error fails the build, naming file and line', async () => {
        const errors = await buildErrors(temp.file('syntax/taxonomy.yaml', 'level1: [\n  - code: 1'));
        expect(errors[0]).toMatch(/syntax\/taxonomy\.yaml line \d+: YAML syntax error/);
    });

    test('a data file without a schema is refused', async () => {
        const errors = await buildErrors(temp.file('other/colours.yaml', 'red: 1'));
        expect(errors[0]).toMatch(/colours\.yaml: no schema for this file/);
    });

    test('the tests load data the same way (Vite plugin)', async () => {
        const plugin = viteDataPlugin();
        const context = { addWatchFile: () => undefined };
        const ok = await plugin.load.call(context, `${temp.file('vite/vague-words.yaml', shipped('vague-words.yaml'))}?data`);
        expect(ok).toBe(`export default ${JSON.stringify(parse(shipped('vague-words.yaml')))};`);
        const broken = shipped('vague-words.yaml').replace(/kind: vague/, 'kind: vaguer');
        await expect(plugin.load.call(context, `${temp.file('vite-broken/vague-words.yaml', broken)}?data`))
            .rejects.toThrow(/vague-words\.yaml entries\[\d+\]\.kind: must be equal to one of the allowed values/);
        expect(await plugin.load.call(context, 'other.ts')).toBeNull();
    });
});
