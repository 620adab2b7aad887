import { describe, expect, test } from 'vitest';
import { braceDepth, snippetCompletions, withYear, type SnippetDefinition } from '../../extension/snippet-items.js';
import { documentToModel } from '../../language/compile/from-ast.js';
import { parseAndValidate } from '../../language/documents.js';
import { measurabilityOf } from '../../language/validation/measurability-score.js';
import type { Document } from '../../language/generated/ast.js';
import definitions from '../../snippets/jxmb.json' with { type: 'json' };
import { jxmb } from '../helpers/services.js';

// The skeleton snippets: offered where they fit, with jxmb.defaultYear, and what they insert parses as the table.

const snippets = definitions as Record<string, SnippetDefinition>;

/** The text a snippet leaves when the user accepts every placeholder as it is. */
function expand(body: string): string {
    let text = body;
    for (let i = 0; i < 3; i++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
    return text.replace(/\$\d+/g, '');
}

describe('snippets', () => {
    test('table skeletons at the top level, blocks inside a declaration', () => {
        const names = (before: string) => snippetCompletions(snippets, before, 2025).map(s => s.name);
        expect(names('')).toEqual(['部门整体预算绩效目标申报表', '项目支出绩效目标表']);
        expect(names('部门整体 "a" {\n')).toEqual(['绩效指标', '年度重点工作任务', '项目']);
        expect(names('部门整体 "a" { 总体绩效目标 "x{" }\n// {\n')).toEqual(['部门整体预算绩效目标申报表', '项目支出绩效目标表']);
        expect(snippetCompletions(snippets, '', null)[0]!.prefixes).toEqual(['部门整体', 'bmzt']);
    });

    test('braces in strings and comments do not count', () => {
        expect(braceDepth('a { "}" “{” 「{」 /* { */ // {\n {')).toBe(2);
        expect(braceDepth('a ｛ b ｝ }')).toBe(0);
    });

    test('the year is jxmb.defaultYear when set, VS Code\'s current year otherwise', () => {
        expect(withYear('年度 ${2:$CURRENT_YEAR} ≤${2:$CURRENT_YEAR}-12-31', 2026)).toBe('年度 ${2:2026} ≤${2:2026}-12-31');
        expect(withYear('年度 ${2:$CURRENT_YEAR}', null)).toBe('年度 ${2:$CURRENT_YEAR}');
    });

    /** The snippet as inserted with every placeholder accepted, in a declaration where it is a block; and its check. */
    async function inserted(name: string) {
        const [snippet] = snippetCompletions(snippets, snippets[name]!.where === 'block' ? '部门整体 "a" {' : '', 2025).filter(s => s.name === name);
        const body = expand(snippet!.body);
        const wrappers: Record<string, (b: string) => string> = {
            绩效指标: b => `部门整体 "测试单位" 年度 2025 {\n${b}\n}\n`,
            年度重点工作任务: b => `部门整体 "测试单位" 年度 2025 {\n${b}\n}\n`,
            项目: b => `项目支出 "测试单位" 年度 2025 { 单位 "测试单位" {\n${b}\n} }\n`
        };
        const text = (wrappers[name] ?? (b => b))(body);
        return { text, ...await parseAndValidate(jxmb(), text) };
    }

    test.each(Object.keys(snippets))('「%s」 inserts text that parses, in its place', async name => {
        const { text, document, diagnostics } = await inserted(name);
        expect(diagnostics.filter(d => d.code === 'parsing-error' || d.code === 'lexing-error')).toEqual([]);
        const model = documentToModel(document.parseResult.value as Document);
        expect(model.declarations[0]!.year).toBe(2025);
        expect(text).not.toContain('$');
        // Every skeleton with indicators has its 时效 deadline in that year.
        if (name !== '年度重点工作任务') expect(text).toContain('≤2025-12-31');
    });

    test.each(['部门整体预算绩效目标申报表', '项目支出绩效目标表', '绩效指标', '项目'])('「%s」 left unfilled is visibly unfinished: each 〔待填〕 value flagged, not measurable, no duplicate names', async name => {
        const { text, document, diagnostics } = await inserted(name);
        const codes = diagnostics.map(d => String(d.code));
        expect(codes).not.toContain('hierarchy/duplicate-name');
        // Every indicator the user has to write has 〔待填〕 in its name and in its value, and the value is reported.
        const unfinished = [...text.matchAll(/"(〔待填〕[^"]*指标名称)"："([^"]*)"/g)];
        expect(unfinished.length).toBeGreaterThan(0);
        for (const [, indicator, value] of unfinished) {
            expect(value).toContain('〔待填〕');
            expect(diagnostics.filter(d => d.code === 'value/placeholder' && String(d.message).includes(`「${indicator}」`))).toHaveLength(1);
        }
        expect(text).not.toMatch(/"指标名称"/);
        // The status bar's share counts them as not measurable: an unfilled template is not 可度量 100%.
        const { indicators, measurable } = measurabilityOf(document.parseResult.value as Document);
        expect(measurable).toBe(indicators - unfinished.length);
    });
});
