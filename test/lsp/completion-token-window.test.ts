import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createJxmbServices } from '../../language/jxmb-module.js';
import { leafStarts, TokenWindow, type TokensAround } from '../../language/lsp/completion/token-window.js';
import { readSample, sampleFiles } from '../helpers/samples.js';

// The tokens around an offset found by lexing a window must be those of the whole text's lexing, wherever the
// window's ends fall: in a string, right after a keyword that a longer word would turn into a unit, before a quote
// whose closing quote lies outside the window. Small first windows put their ends everywhere.

const { shared, Jxmb } = createJxmbServices(EmptyFileSystem);
const lexer = Jxmb.parser.Lexer;
let counter = 0;

async function windowsOf(text: string, margin: number): Promise<TokenWindow> {
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///tokens/doc-${++counter}.jxmb`));
    return new TokenWindow(lexer, text, leafStarts(document.parseResult.value.$cstNode!), margin);
}

/** The same answer from the token list of the whole text. */
function reference(text: string): (offset: number) => TokensAround {
    const tokens = lexer.tokenize(text).tokens.map(t => ({ start: t.startOffset, end: t.endOffset! + 1 }));
    return offset => {
        const index = tokens.findIndex(t => t.end > offset);
        return { current: index < 0 ? undefined : tokens[index], previous: index < 0 ? tokens.at(-1) : tokens[index - 1] };
    };
}

async function mismatches(text: string, margins: number[], step = 1): Promise<string[]> {
    const expected = reference(text);
    const found: string[] = [];
    for (const margin of margins) {
        const window = await windowsOf(text, margin);
        for (let offset = 0; offset <= text.length && found.length < 5; offset += step) {
            const got = window.around(offset);
            const want = expected(offset);
            if (JSON.stringify(got) !== JSON.stringify(want)) {
                found.push(`margin ${margin}, offset ${offset} ${JSON.stringify(text.slice(offset - 10, offset + 10))}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
            }
        }
    }
    return found;
}

describe('tokens around an offset, lexing a window', () => {
    test.each(sampleFiles())('%s: at every offset, as the whole text gives them', async name => {
        expect(await mismatches(readSample(name), [1, 2, 7, 256])).toEqual([]);
    }, 60_000);

    const broken: Array<[string, string]> = [
        ['an opening quote without its closing one', '"讲座'],
        ['a Chinese opening quote without its closing one', '“讲座'],
        ['「 without 」', '「讲座'],
        ['a comment that is never closed', '/* 未完'],
        ['a character no token takes', '@#'],
        ['a keyword cut into a longer word', '数量指标数量'],
        ['a quote that closes a string far away', '"']
    ];
    test.each(broken)('with %s in the middle of a sample', async (_, inserted) => {
        const sample = readSample('004-guangzhou-kexie-2022.jxmb');
        const line = sample.indexOf('\n', Math.floor(sample.length / 2)) + 1;
        const text = sample.slice(0, line) + inserted + sample.slice(line);
        expect(await mismatches(text, [1, 7], 3)).toEqual([]);
    }, 60_000);

    test('previous is asked for only where wanted; without it the window does not reach back', async () => {
        const text = readSample('tutorial.jxmb');
        const window = await windowsOf(text, 4);
        const offset = text.indexOf('数量指标') + 2;
        const around = window.around(offset, false);
        expect(around.previous).toBeUndefined();
        expect(around.current).toEqual(reference(text)(offset).current);
    });
});
