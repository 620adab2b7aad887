import { AstUtils } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateDeclaration } from '../../bench/generate.mjs';
import { parseAndValidate } from '../../language/documents.js';
import { isIndicator, type Document } from '../../language/generated/ast.js';
import { quote, unquote } from '../../language/value-converter.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// A string may span lines (备注 texts of the seeds do), but an unclosed quote must stay a local mistake: deleting
// the closing quote of one name turned every later string of the file inside out (≈ 2,000 errors in a 2,000-indicator
// file, the outline gone, ≈ 300–700 ms per key in the editor).

const services = jxmb();
const syntax = (diagnostics: Diagnostic[]) => diagnostics.filter(d => d.code === 'lexing-error' || d.code === 'parsing-error');
const indicatorsOf = (document: Document) => AstUtils.streamAllContents(document).filter(isIndicator).toArray();

describe('an unclosed quote', () => {
    const text = generateDeclaration(200, 5).text;
    const names = indicatorsOf(services.parser.LangiumParser.parse<Document>(text).value);
    const target = names[40]!;
    const nameEnd = target.$cstNode!.offset + quote(target.name).length - 1;

    it('before the next indicator\'s line: one error at the quote, every other indicator read', async () => {
        const broken = text.slice(0, nameEnd) + text.slice(nameEnd + 1);
        const { document, diagnostics } = await parseAndValidate(services, broken);
        const errors = syntax(diagnostics);
        // Every finding on the name's own line (its text value's quote now closes the name), one of them the quote.
        const line = document.textDocument.positionAt(target.$cstNode!.offset).line;
        expect(errors.map(e => e.range.start.line)).toEqual(errors.map(() => line));
        expect(errors.some(e => e.code === 'lexing-error' && String(e.message).includes('引号「"」未闭合'))).toBe(true);
        expect(errors.length).toBeLessThanOrEqual(3);
        const others = names.filter(i => i !== target).map(i => i.name);
        const after = indicatorsOf(document.parseResult.value).map(i => i.name);
        expect(after).toEqual(expect.arrayContaining(others));
        expect(after.length).toBeLessThanOrEqual(others.length + 2);
    });

    it('before the block\'s closing brace: the error stays in the block', async () => {
        const block = `部门整体 "单位" 年度 2024 {\n  绩效指标 {\n    产出指标 {\n      数量指标 {\n        "培训人次\n      }\n      质量指标 {\n        "合格率"：≥95%\n      }\n    }\n  }\n}\n`;
        const { document, diagnostics } = await parseAndValidate(services, block);
        expect(syntax(diagnostics).map(d => [d.code, d.range.start.line])).toEqual([['lexing-error', 4], ['parsing-error', 4]]);
        expect(indicatorsOf(document.parseResult.value).map(i => i.name)).toContain('合格率');
    });
});

describe('a quote deleted anywhere in the samples', () => {
    // The nodes an unclosed quote leaves have no text; every check must take them (a goal without text broke one).
    it('gives findings with codes, and no check breaks', async () => {
        const broken: string[] = [];
        for (const name of sampleFiles()) {
            const text = readSample(name);
            const quotes = [...text.matchAll(/["“”「」]/g)].map(m => m.index!);
            for (let i = 0; i < quotes.length; i += 3) {
                const at = quotes[i]!;
                const { diagnostics } = await parseAndValidate(services, text.slice(0, at) + text.slice(at + 1));
                for (const d of diagnostics) if (typeof d.code !== 'string') broken.push(`${name}@${at}: ${d.message}`);
            }
        }
        expect(broken).toEqual([]);
    }, 60_000);
});

describe('strings over several lines', () => {
    it('go on over lines of text, a closing quote alone on its line included', async () => {
        const remark = '1.本表的填报主体是市级一级预算单位。\n2.本表在“二上”环节通过系统录入。\n';
        const { document, diagnostics } = await parseAndValidate(services, `部门整体 "单位" 年度 2024 {\n  备注 "${remark}"\n}\n`);
        expect(syntax(diagnostics)).toEqual([]);
        expect((document.parseResult.value.declarations[0] as { members: { text?: string }[] }).members[0]!.text).toBe(remark);
    });

    it('print and parse back texts whose lines start with a brace or a name in quotes', async () => {
        for (const text of ['甲\n}\n乙', '说明：\n  “培训人次”：≥ 100\n完', '「引文」：原文\n｝', 'a\n"b"：1']) {
            const printed = `部门整体 ${quote(text)} 年度 2024 {\n}\n`;
            const { document, diagnostics } = await parseAndValidate(services, printed);
            expect(syntax(diagnostics), printed).toEqual([]);
            expect(document.parseResult.value.declarations[0]!.unit).toBe(text);
            expect(unquote(quote(text))).toBe(text);
        }
    });
});
