import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// language/generated/ is produced by `npm run langium:generate` and never edited by hand: regenerate into a
// temporary folder and require the committed files to be identical.
const repo = fileURLToPath(new URL('../..', import.meta.url));

test('language/generated matches the grammar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jxmb-gen-'));
    try {
        const config = JSON.parse(readFileSync(join(repo, 'langium-config.json'), 'utf8'));
        config.languages[0].grammar = join(repo, config.languages[0].grammar);
        config.out = join(dir, 'generated');
        const configFile = join(dir, 'langium-config.json');
        writeFileSync(configFile, JSON.stringify(config));
        execFileSync(process.execPath, ['--import', join(repo, 'scripts/polyfill.mjs'), join(repo, 'node_modules/langium-cli/bin/langium.js'), 'generate', '-f', configFile], { cwd: dir, stdio: 'pipe' });
        const generated = readdirSync(join(dir, 'generated')).sort();
        expect(readdirSync(join(repo, 'language/generated')).sort()).toEqual(generated);
        for (const file of generated) {
            expect(readFileSync(join(repo, 'language/generated', file), 'utf8'), `language/generated/${file} is stale: run npm run langium:generate`)
                .toBe(readFileSync(join(dir, 'generated', file), 'utf8'));
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
