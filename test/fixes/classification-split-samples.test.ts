import type { AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isIndicator, type Document, type Indicator } from '../../language/generated/ast.js';
import { allFixes } from '../../language/lsp/fixes/index.js';
import { ClassificationCode } from '../../language/validation/classification.js';
import { PLACEHOLDER } from '../../language/validation/values-context.js';
import { AstUtils } from 'langium';
import { applyEdits, diagnose } from '../helpers/fixes.js';
import { readSample, sampleFiles } from '../helpers/samples.js';

// Every 「拆分为 N 个三级指标」 the samples offer, applied and checked again as a user would: the split must leave
// nothing new to fix — no duplicate names, no rate among the counts — only what the original indicator already had.

const indicators = (document: { parseResult: { value: Document } }): Indicator[] =>
    AstUtils.streamAst(document.parseResult.value).filter(isIndicator).toArray();

const within = (d: Diagnostic, node: AstNode) => {
    const { start, end } = node.$cstNode!.range;
    const at = d.range.start;
    return (at.line > start.line || (at.line === start.line && at.character >= start.character))
        && (at.line < end.line || (at.line === end.line && at.character <= end.character));
};

const countByCode = (ds: Diagnostic[]) => {
    const counts = new Map<string, number>();
    for (const d of ds) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
    return counts;
};

describe('splitting every compound 三级 of the samples', async () => {
    const cases: Array<{ file: string; line: number }> = [];
    for (const file of sampleFiles()) {
        const { diagnostics } = await diagnose(readSample(file));
        for (const d of diagnostics) if (d.code === ClassificationCode.compound) cases.push({ file, line: d.range.start.line + 1 });
    }

    test('the samples have compound indicators to split', () => {
        expect(cases.length).toBeGreaterThan(10);
    });

    test.each(cases)('$file:$line', async ({ file, line }) => {
        const text = readSample(file);
        const { document, diagnostics: before } = await diagnose(text);
        const diagnostic = before.find(d => d.code === ClassificationCode.compound && d.range.start.line + 1 === line)!;
        const original = indicators(document).find(i => within(diagnostic, i))!;
        const [fix] = allFixes[ClassificationCode.compound]!(diagnostic, document);
        expect(fix, '没有提供拆分').toBeDefined();

        const fixed = applyEdits(text, fix!.edits);
        const { document: after, diagnostics: afterDiagnostics } = await diagnose(fixed);
        expect(afterDiagnostics.filter(d => d.code === 'parsing-error' || d.code === 'lexing-error')).toEqual([]);
        const oldNames = new Set(indicators(document).map(i => i.name));
        const parts = indicators(after).filter(i => !oldNames.has(i.name));
        expect(parts.length, fix!.title).toBeGreaterThanOrEqual(2);

        const show = (ds: Diagnostic[]) => ds.map(d => `${d.range.start.line + 1} ${d.code} ${d.message}`).join('\n');
        // On the new 三级: only what the original had (a hedge, a missing 年度 …), and the placeholder where the
        // split cannot know a value (a name with two measures and a value for one).
        const onOriginal = new Set(before.filter(d => within(d, original)).map(d => String(d.code)));
        const onParts = afterDiagnostics.filter(d => parts.some(p => within(d, p)));
        const added = onParts.filter(d => !onOriginal.has(String(d.code))
            && !(d.code === 'value/placeholder' && parts.some(p => within(d, p) && p.$cstNode!.text.includes(PLACEHOLDER))));
        expect(added, `拆分后新增的问题：\n${show(added)}\n${parts.map(p => p.$cstNode!.text).join('\n')}`).toEqual([]);
        expect(onParts.filter(d => d.code === ClassificationCode.compound)).toEqual([]);

        // Elsewhere: no code reported more often than before (a duplicate name would show here or on the part).
        const elsewhereBefore = countByCode(before.filter(d => !within(d, original)));
        const elsewhereAfter = afterDiagnostics.filter(d => !parts.some(p => within(d, p)));
        const grown = [...countByCode(elsewhereAfter)].filter(([code, n]) => n > (elsewhereBefore.get(code) ?? 0));
        expect(grown, `拆分后别处新增：\n${show(elsewhereAfter.filter(d => grown.some(([c]) => c === d.code)))}`).toEqual([]);
    });
});

describe('splitting all compound 三级 of a sample, one after another', () => {
    test.each(sampleFiles())('%s: the names stay unique', async file => {
        let text = readSample(file);
        const duplicatesBefore = (await diagnose(text)).diagnostics.filter(d => d.code === 'hierarchy/duplicate-name').length;
        for (let round = 0; round < 50; round++) {
            const { document, diagnostics } = await diagnose(text);
            const diagnostic = diagnostics.find(d => d.code === ClassificationCode.compound);
            const fix = diagnostic && allFixes[ClassificationCode.compound]!(diagnostic, document)[0];
            if (!fix) break;
            text = applyEdits(text, fix.edits);
        }
        const { diagnostics } = await diagnose(text);
        const duplicates = diagnostics.filter(d => d.code === 'hierarchy/duplicate-name');
        expect(duplicates.length, duplicates.map(d => d.message).join('\n')).toBe(duplicatesBefore);
    });
});
