import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A temporary folder for one test file: made before its tests, removed after them. */
export function useTempDir(prefix: string): { at(...parts: string[]): string; file(name: string, content: string | Uint8Array): string } {
    let dir = '';
    beforeAll(() => { dir = mkdtempSync(join(tmpdir(), prefix)); });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const at = (...parts: string[]) => join(dir, ...parts);
    return {
        at,
        /** Writes `content` at `name` inside the folder (making its folders) and gives its path. */
        file(name, content) {
            const path = at(name);
            mkdirSync(join(path, '..'), { recursive: true });
            writeFileSync(path, content);
            return path;
        }
    };
}
