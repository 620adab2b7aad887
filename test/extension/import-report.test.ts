import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { reportHeading, timestamp } from '../../extension/import-report.js';

// The 导入报告 output channel dates its entries as a Chinese reader writes a date and a time, not as the extension
// host's locale (en-US: 「12/1/2026, 8:15:01 PM」) would.

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
    return readdirSync(join(root, dir)).flatMap(name => {
        const path = join(dir, name);
        return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });
}

describe('import report', () => {
    test('2026-12-01 20:15:01, in local time, 24 hours, zero-padded', () => {
        expect(timestamp(new Date(2026, 11, 1, 20, 15, 1))).toBe('2026-12-01 20:15:01');
        expect(timestamp(new Date(2027, 0, 9, 8, 5, 9))).toBe('2027-01-09 08:05:09');
        expect(reportHeading(new Date(2026, 11, 1, 20, 15, 1), 'seed.docx', 'seed.jxmb')).toBe('2026-12-01 20:15:01  seed.docx → seed.jxmb');
    });

    test('no text of the extension is left to the host\'s locale', () => {
        const localized = sources('extension').filter(file => /\.toLocale(?:Date|Time)?String\(\s*\)/.test(readFileSync(join(root, file), 'utf8')));
        expect(localized).toEqual([]);
    });
});
