import { describe, expect, test } from 'vitest';
import { exportPathFor, freePath, importPathFor, planWrite } from '../../extension/output-path.js';

// Where 导出 and 从表格导入 write, and when they may.

describe('export path', () => {
    test('beside the source with its base name and the target\'s extension', () => {
        expect(exportPathFor('/work/2024/南沙区科协.jxmb', 'xlsx')).toBe('/work/2024/南沙区科协.xlsx');
        expect(exportPathFor('/work/2024/南沙区科协.jxmb', 'html')).toBe('/work/2024/南沙区科协.html');
        expect(exportPathFor('/work/2024/南沙区科协.jxmb', 'flat')).toBe('/work/2024/南沙区科协.txt');
        expect(exportPathFor('/work/a.b.jxmb', 'json')).toBe('/work/a.b.json');
    });

    test('writes a new file, asks before replacing one, never writes over a .jxmb', () => {
        expect(planWrite('/w/a.jxmb', '/w/a.xlsx', false)).toEqual({ action: 'write', path: '/w/a.xlsx' });
        expect(planWrite('/w/a.jxmb', '/w/a.xlsx', true)).toEqual({ action: 'ask', path: '/w/a.xlsx' });
        expect(planWrite('/w/a.jxmb', '/w/a.jxmb', true)).toMatchObject({ action: 'refuse', reason: 'source' });
        expect(planWrite('/w/a.jxmb', '/w/b.JXMB', false)).toMatchObject({ action: 'refuse', reason: 'jxmb' });
    });
});

describe('import path', () => {
    test('the table\'s name with .jxmb, numbered when taken', async () => {
        expect(importPathFor('/w/申报表.xlsx')).toBe('/w/申报表.jxmb');
        const taken = new Set(['/w/申报表.jxmb', '/w/申报表-1.jxmb']);
        expect(await freePath('/w/申报表.jxmb', async p => taken.has(p))).toBe('/w/申报表-2.jxmb');
        expect(await freePath('/w/新表.jxmb', async p => taken.has(p))).toBe('/w/新表.jxmb');
        expect(await freePath('/w/x.jxmb', async () => true, 5)).toBeUndefined();
    });
});
