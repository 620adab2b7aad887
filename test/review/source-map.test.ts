import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { parseAndValidate } from '../../language/documents.js';
import type { Document } from '../../language/generated/ast.js';
import { importBytes, renderImport } from '../../language/import/import.js';
import type { LangiumDocument } from 'langium';
import { originRanges, SourceMap, type OriginRange } from '../../language/review/places.js';
import { readSample, seedsDir } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';
import { compiled } from '../import/helpers.js';

// The reviewer's report places each finding on an imported table through SourceMap.originOf, asked once per finding
// (45,000 rows: 45,000 findings). Its answer must be the one the scan of every range gave (places.ts before the
// index), on real tables: the seeds as text, a workbook compiled from a sample, and a long generated table — for every
// finding, and for a range starting at every offset of the generated .jxmb.

/** The scan the index replaced, as it was: the smallest range holding the finding, else the smallest around its start. */
function scannedOrigin(ranges: OriginRange[], start: number, end: number) {
    const smallest = (candidates: OriginRange[]) =>
        candidates.reduce<OriginRange | undefined>((best, r) => (!best || r.end - r.start < best.end - best.start ? r : best), undefined);
    return (smallest(ranges.filter(r => r.start <= start && end <= r.end))
        ?? smallest(ranges.filter(r => r.start <= start && start < r.end)))?.origin;
}

const seeds = readdirSync(seedsDir).filter(f => f.endsWith('.txt')).sort();

/** 600 三级 indicators in a tab-separated 部门整体 table, half of them vague. */
function longTable(): string {
    const rows = ['部门名称\t测试单位', '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值', '\t产出指标\t数量指标\t举办活动场次\t≥1场\t≥1场'];
    for (let i = 0; i < 600; i++) rows.push(`\t\t\t活动${i}\t${i % 2 ? '显著提升' : `≥${i}场`}\t${i % 2 ? '有所提高' : `≥${i}场`}`);
    return rows.join('\n');
}

async function tables(): Promise<Array<[string, Buffer, string]>> {
    return [
        ...seeds.map(f => [f, readFileSync(join(seedsDir, f)), '.txt'] as [string, Buffer, string]),
        ['001 compiled to .xlsx', await renderXlsx(await compiled(readSample('001-zhanjiang-kexie.jxmb'))), '.xlsx'],
        ['600 rows', Buffer.from(longTable(), 'utf8'), '.txt']
    ];
}

function rangeOf(document: LangiumDocument, start: number, end: number): Range {
    return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}

describe('SourceMap.originOf answers as the scan of every range did', async () => {
    test.each(await tables())('%s', async (_name, bytes, extension) => {
        const imported = await importBytes(bytes, { extension });
        const { document, diagnostics } = await parseAndValidate(jxmb(), renderImport(imported, `表${extension}`));
        const doc = document as LangiumDocument<Document>;
        const ranges = originRanges(doc, imported.model, imported.origins);
        const map = SourceMap.of(doc, imported.model, imported.origins);
        const text = doc.textDocument.getText();
        const questions: Range[] = diagnostics.map(d => d.range);
        for (let offset = 0; offset <= text.length; offset++) {
            const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
            for (const end of [offset, offset + 1, lineEnd, offset + 40]) questions.push(rangeOf(doc, offset, Math.min(end, text.length)));
        }
        const differences: string[] = [];
        let mapped = 0;
        for (const range of questions) {
            const expected = scannedOrigin(ranges, doc.textDocument.offsetAt(range.start), doc.textDocument.offsetAt(range.end));
            const actual = map.originOf(range);
            if (expected) mapped++;
            if (actual !== expected) differences.push(`${JSON.stringify(range)}: ${actual?.cell.where} ≠ ${expected?.cell.where}`);
        }
        expect(differences.slice(0, 5)).toEqual([]);
        // The questions reach cells: the comparison is not between two empty answers.
        expect(mapped).toBeGreaterThan(questions.length / 2);
    }, 60_000);
});
