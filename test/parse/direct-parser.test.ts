import fc from 'fast-check';
import { createLangiumParser, type AstNode, type ParseResult } from 'langium';
import { describe, expect, it, vi } from 'vitest';
import { generateDeclaration } from '../../bench/generate.mjs';
import { DirectParser } from '../../language/parse/direct-parser.js';
import { positionsFromText } from '../../language/parse/token-positions.js';
import { anyJxmbText, editedSample, runs, SEED } from '../robustness/arbitraries.js';
import { validDeclarations } from '../robustness/declarations.js';
import { dump, expectSameTree } from '../helpers/parse-dump.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// The direct walk (parse/direct-parser.ts) must give exactly the trees Langium's parser gives: every CST node with its
// grammar element, positions and links, every AST node with its properties in the same order. Where it cannot, it
// must give nothing (Langium's parser then parses the text), never a different tree.

const services = jxmb();
const langium = positionsFromText(createLangiumParser(services));
const direct = DirectParser.for(services)!;
const clean = (result: ParseResult<AstNode>) => result.lexerErrors.length === 0 && result.parserErrors.length === 0;

const texts = [
    ...sampleFiles().map(name => ({ name, text: readSample(name) })),
    { name: 'generated 200', text: generateDeclaration(200, 7).text },
    { name: 'empty', text: '' },
    { name: 'comments only', text: '// 注释\n/* 块注释 */\n' },
    { name: 'comments everywhere', text: '/*a*/项目支出 /*b*/"单位"/*c*/{//d\n单位 "x" { /*e*/ 项目 "p" 保密 { /*f*/ } /*g*/ } /*h*/}//i' }
];

describe('the direct walk builds the tree Langium builds', () => {
    for (const { name, text } of texts) {
        it(name, () => {
            const expected = langium.parse(text);
            expect(clean(expected)).toBe(true);
            const actual = direct.parse(text);
            expect(actual, 'well-formed text is walked').toBeDefined();
            expectSameTree(dump(actual!), dump(expected), name);
        });
    }

    it('for any well-formed declarations (every rule, three quote styles, full-width punctuation, comments)', () => {
        fc.assert(fc.property(validDeclarations, text => {
            const actual = direct.parse(text);
            expect(actual, text).toBeDefined();
            expectSameTree(dump(actual!), dump(langium.parse(text)), text);
        }), { seed: SEED, numRuns: runs(300) });
    });

    it('gives nothing for text with a syntax or lexing error, and the same tree whenever it gives one', () => {
        let walked = 0;
        let refused = 0;
        fc.assert(fc.property(fc.oneof(editedSample, anyJxmbText), text => {
            const expected = langium.parse(text);
            const actual = direct.parse(text);
            if (!clean(expected)) {
                expect(actual, text).toBeUndefined();
                refused++;
            } else if (actual) {
                expectSameTree(dump(actual), dump(expected), text);
                walked++;
            }
        }), { seed: SEED, numRuns: runs(300) });
        expect(refused).toBeGreaterThan(0);
        expect(walked).toBeGreaterThan(0);
    });
});

describe('the language services parse with it', () => {
    it('a well-formed text gets the direct tree, a broken one Langium\'s errors and recovered tree', () => {
        const parser = services.parser.LangiumParser;
        const text = readSample(sampleFiles()[0]!);
        expectSameTree(dump(parser.parse(text)), dump(direct.parse(text)!), 'sample');
        const broken = text.replace('绩效指标 {', '绩效指标 {{');
        const recovered = parser.parse(broken);
        expect(recovered.parserErrors.length).toBeGreaterThan(0);
        expectSameTree(dump(recovered), dump(langium.parse(broken)), 'broken');
    });

    it('a fault of the walk costs nothing: Langium\'s parser parses the text, and the log says why', () => {
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const walk = vi.spyOn(DirectParser.prototype, 'parse').mockImplementation(() => { throw new Error('walk broke'); });
        try {
            const text = readSample(sampleFiles()[0]!);
            expectSameTree(dump(services.parser.LangiumParser.parse(text)), dump(langium.parse(text)), 'fallback');
            expect(walk).toHaveBeenCalled();
            expect(String(logged.mock.calls[0]?.[1])).toContain('walk broke');
        } finally {
            walk.mockRestore();
            logged.mockRestore();
        }
    });
});
