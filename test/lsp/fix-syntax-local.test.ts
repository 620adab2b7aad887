import fc from 'fast-check';
import type { LangiumDocument, ParseResult } from 'langium';
import { describe, expect, test } from 'vitest';
import { keepingComments, overlapping } from '../../language/lsp/code-actions.js';
import { allFixes } from '../../language/lsp/fixes/index.js';
import { errorCountChange, type OffsetEdit } from '../../language/parse/error-change.js';
import type { Document } from '../../language/generated/ast.js';
import { diagnose } from '../helpers/fixes.js';
import { jxmb } from '../helpers/services.js';
import { runs, SEED } from '../robustness/arbitraries.js';

// Whether a quick-fix may be offered in a file with syntax errors is decided by the number of syntax errors of the
// edited text (lsp/fix-syntax.ts). Where a few members of one block can tell it (parse/error-change.ts), that
// number must be the one a parse of the whole edited text gives. Texts of many broken rows of several kinds, in
// several blocks, some blocks unclosed or commented out; the edits are the fixes the provider offers for them and
// random edits of the kinds fixes make (a character or a row deleted, a quote, colon or brace written, a row moved).

const parser = jxmb().parser.LangiumParser;
const errorsOf = (result: ParseResult) => result.lexerErrors.length + (result.lexerReport?.diagnostics.length ?? 0) + result.parserErrors.length;

/** Rows of a 二级 block: well-formed, and broken in the ways users break them. */
const ROWS: Array<(i: number) => string> = [
    i => `"开展活动场次${i}"：≥20场次`,
    i => `"活动场次${i}"：：20场次`,
    i => `"发布文章${i}"：不少于50篇`,
    i => `"完成时间${i}"：≤2024年12月31日`,
    i => `"覆盖人数${i}"："不少于`,
    i => `"名称${i}"`,
    i => `"名称${i}"：`,
    i => `"括号${i}"："{20}场次"`,
    i => `"括号${i}"：{20}`,
    i => `"满意度${i}"：≥90%，`,
    i => `// 备注${i}`,
    i => `/* 待定${i}`,
    i => `"完成时间${i}"：实施周期 ≤2024-12-31 年度 ≤2024-6-30`,
    i => `}`,
    i => `数量指标 {`
];
const LEVEL2 = ['数量指标', '质量指标', '时效指标', '成本指标'];

interface Shape { blocks: Array<{ rows: number[]; closed: boolean }>; junk: boolean }

const shape: fc.Arbitrary<Shape> = fc.record({
    blocks: fc.array(fc.record({
        rows: fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: ROWS.length - 1 }) }), { minLength: 1, maxLength: 14 }),
        closed: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })
    }), { minLength: 1, maxLength: 4 }),
    junk: fc.boolean()
});

function textOf({ blocks, junk }: Shape): string {
    let n = 0;
    const body = blocks.map((block, b) => `            ${LEVEL2[b % LEVEL2.length]} {\n`
        + block.rows.map(r => `                ${ROWS[r]!(n++)}\n`).join('')
        + (block.closed ? '            }\n' : '')).join('');
    return `部门整体 "测试区科学技术协会" 年度 2024 {
    绩效指标 {
        产出指标 {
${body}${junk ? '            "散落的一行"：20\n' : ''}        }
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
    }
}
`;
}

/** A random edit of the kinds fixes make, at a row's start, inside a row or at a line's end. */
const fixLike = fc.record({
    line: fc.nat(),
    column: fc.nat(),
    remove: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 2, max: 12 }), fc.constant(-1)),
    insert: fc.constantFrom('', '"', '：', '}', '{', '\n', '"新增"：≥1场次\n                ', '≤2024-12-31', '"不少于50篇"', '*/', '数量指标 { "x"：1 }\n')
});

function editOf(text: string, e: { line: number; column: number; remove: number; insert: string }): OffsetEdit {
    const lines = text.split('\n');
    const line = e.line % lines.length;
    const lineStart = lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0);
    const start = lineStart + e.column % (lines[line]!.length + 1);
    // -1: the whole line with its break.
    const end = e.remove < 0 ? lineStart + lines[line]!.length + 1 : Math.min(text.length, start + e.remove);
    return { start: e.remove < 0 ? lineStart : start, end: Math.min(end, text.length), newText: e.insert };
}

/** As an editor applies them (insertions at one place in the order given). */
function applied(text: string, edits: readonly OffsetEdit[]): string {
    let result = '';
    let at = 0;
    for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
        result += text.slice(at, e.start) + e.newText;
        at = e.end;
    }
    return result + text.slice(at);
}

/** The fixes the provider makes for the document's findings, as offset edits. */
function fixesOf(document: LangiumDocument<Document>, diagnostics: Awaited<ReturnType<typeof diagnose>>['diagnostics']): OffsetEdit[][] {
    const found: OffsetEdit[][] = [];
    for (const diagnostic of diagnostics) {
        const provider = allFixes[String(diagnostic.code)];
        let fixes: ReturnType<NonNullable<typeof provider>> = [];
        try {
            fixes = provider?.(diagnostic, document) ?? [];
        } catch {
            continue;
        }
        for (const fix of fixes) {
            if (overlapping(fix.edits)) continue;
            const kept = keepingComments(document, fix);
            found.push(kept.edits.map(e => ({ start: document.textDocument.offsetAt(e.range.start), end: document.textDocument.offsetAt(e.range.end), newText: e.newText })));
        }
    }
    return found;
}

describe('the syntax errors an edit adds, told from a few rows', () => {
    test('are those of a parse of the whole edited text, for the fixes offered and for fix-like edits', { timeout: 300_000 }, async () => {
        let answered = 0;
        let total = 0;
        await fc.assert(fc.asyncProperty(shape, fc.array(fc.array(fixLike, { minLength: 1, maxLength: 2 }), { minLength: 4, maxLength: 10 }), async (s, randomEdits) => {
            const text = textOf(s);
            const { document, diagnostics } = await diagnose(text);
            const before = errorsOf(document.parseResult);
            const candidates = [...fixesOf(document, diagnostics), ...randomEdits.map(edits => edits.map(e => editOf(text, e)))];
            for (const edits of candidates) {
                const sorted = [...edits].sort((a, b) => a.start - b.start);
                if (sorted.some((e, i) => i > 0 && e.start < sorted[i - 1]!.end)) continue;
                total++;
                const change = errorCountChange(parser, document.parseResult, text, edits);
                if (change === undefined) continue;
                answered++;
                const edited = applied(text, edits);
                expect(change, `${JSON.stringify(edits)}\n${text}`).toBe(errorsOf(parser.parse(edited)) - before);
            }
            await new Promise(resolve => setImmediate(resolve));
        }), { seed: SEED, numRuns: runs(120) });
        if (process.env.JXMB_FUZZ_SCALE) console.log(`told from rows: ${answered} of ${total}`);
        // The comparison means something only if the rows told it often.
        expect(answered).toBeGreaterThan(total / 3);
    });

    test('near the bound on nested recoveries (rows the list itself cannot read), likewise', { timeout: 300_000 }, async () => {
        // 「≤2024年12月31日」 leaves 「12月31日」 for the list to skip: each such row nests its recovery one deeper.
        let answered = 0;
        await fc.assert(fc.asyncProperty(fc.integer({ min: 185, max: 215 }), fc.array(fc.integer({ min: 0, max: ROWS.length - 1 }), { minLength: 1, maxLength: 6 }),
            fc.array(fc.array(fixLike, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 5 }), async (n, extra, randomEdits) => {
                const rows = [...Array.from({ length: n }, () => 3), ...extra];
                const text = textOf({ blocks: [{ rows: extra, closed: true }, { rows, closed: true }], junk: false });
                const { document, diagnostics } = await diagnose(text);
                const before = errorsOf(document.parseResult);
                const fixes = fixesOf(document, diagnostics);
                const candidates = [...fixes.slice(0, 3), ...fixes.slice(-3), ...randomEdits.map(edits => edits.map(e => editOf(text, e)))];
                for (const edits of candidates) {
                    const sorted = [...edits].sort((a, b) => a.start - b.start);
                    if (sorted.some((e, i) => i > 0 && e.start < sorted[i - 1]!.end)) continue;
                    const change = errorCountChange(parser, document.parseResult, text, edits);
                    if (change === undefined) continue;
                    answered++;
                    expect(change, JSON.stringify(edits)).toBe(errorsOf(parser.parse(applied(text, edits))) - before);
                }
            }), { seed: SEED, numRuns: runs(15) });
        expect(answered).toBeGreaterThan(0);
    });

    test('in a block of thousands of broken rows, a fix on any row is told from its rows', async () => {
        const rows = Array.from({ length: 3000 }, (_, i) => `                ${ROWS[1 + (i % 2)]!(i)}\n`).join('');
        const text = textOf({ blocks: [], junk: false }).replace('        产出指标 {\n', `        产出指标 {\n            数量指标 {\n${rows}            }\n`);
        const { document, diagnostics } = await diagnose(text);
        const before = errorsOf(document.parseResult);
        expect(before).toBe(3000);
        const fixes = fixesOf(document, diagnostics.filter(d => d.code === 'parsing-error'));
        expect(fixes.length).toBeGreaterThan(150);
        for (const edits of [fixes[0]!, fixes[9]!, fixes.at(-1)!]) {
            const change = errorCountChange(parser, document.parseResult, text, edits);
            expect(change).toBe(errorsOf(parser.parse(applied(text, edits))) - before);
            expect(change).toBe(-1);
        }
    });
});
