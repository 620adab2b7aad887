// The TextMate grammar VS Code colours .jxmb with (syntaxes/jxmb.tmLanguage.json), made from jxmb.langium:
//   node --import ./scripts/polyfill.mjs scripts/textmate.mjs        (part of `npm run langium:generate`)
// Langium's own TextMate output keeps only keywords made of ASCII word characters, i.e. none of ours, and lets a
// string run on to the next quote of the file. Here every keyword of the grammar is coloured by what it names, and
// strings end where the lexer ends them (jxmb.langium, STRING). test/language/highlighting.test.ts tokenizes with
// VS Code's own engine.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AstUtils, EmptyFileSystem, GrammarAST, URI } from 'langium';
import { createLangiumGrammarServices } from 'langium/grammar';

const repo = fileURLToPath(new URL('..', import.meta.url));
export const TEXTMATE_FILE = 'syntaxes/jxmb.tmLanguage.json';

// The rules whose keywords name an amount cell (基本支出 …) or a group of them (部门预算支出 …).
const AMOUNT_RULES = ['AmountKey', 'BudgetGroupName'];

/** Scope of a keyword by the rule it belongs to; a keyword of several rules takes the first scope listed here. */
const SCOPES = [
    ['keyword.operator.comparison.jxmb', rules => rules.includes('Operator')],
    // 一级 / 二级 names: the table's categories.
    ['entity.name.type.category.jxmb', rules => rules.includes('Level1Name') || rules.includes('Level2Name')],
    // Words that are a value themselves.
    ['constant.language.jxmb', (rules, keyword) => ['保密', '空', '单列指标值'].includes(keyword)],
    ['keyword.other.unit.jxmb', rules => rules.includes('Unit')],
    // The table's fields and blocks (项目支出, 绩效目标, 实施周期 …); a keyword that is also an amount (项目支出) is
    // first of all a declaration.
    ['keyword.other.jxmb', rules => rules.some(r => !AMOUNT_RULES.includes(r))],
    ['variable.other.property.jxmb', () => true]
];

/** Every keyword of the grammar with the names of the rules it stands in. */
async function keywordsOf(grammarFile) {
    const services = createLangiumGrammarServices(EmptyFileSystem).grammar;
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(readFileSync(grammarFile, 'utf8'), URI.file(grammarFile));
    const errors = document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length;
    if (errors > 0) throw new Error(`${grammarFile}: ${errors} syntax errors`);
    const keywords = new Map();
    for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
        if (!GrammarAST.isKeyword(node)) continue;
        const rule = AstUtils.getContainerOfType(node, GrammarAST.isParserRule)?.name;
        keywords.set(node.value, [...keywords.get(node.value) ?? [], rule]);
    }
    return keywords;
}

const escape = text => text.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
// Chinese keywords have no word boundary: 项目 must not colour the start of 项目支出 or of a misspelt 项目支.
const CJK = '\\x{4e00}-\\x{9fff}';
const word = words => `(?<![${CJK}])(?:${words.map(escape).join('|')})(?![${CJK}])`;
const longestFirst = (a, b) => b.length - a.length || a.localeCompare(b);

// The lexer's rule (jxmb.langium, STRING): a string may go on over lines, but not into a line that starts with a
// closing brace or with an indicator's quoted name followed by ：, 实施周期 or 年度. There its colour ends too.
const SPACE = '[ \\t\\x{3000}]';
const CUT = `^(?=${SPACE}*(?:[}｝]|(?:"[^"]*"|“[^”]*”|「[^」]*」)${SPACE}*(?:[：:]|实施周期|年度)))`;
const string = (open, close, escapes) => ({
    name: 'string.quoted.jxmb',
    begin: escape(open),
    end: `${escape(close)}|${CUT}`,
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.jxmb' } },
    endCaptures: { 0: { name: 'punctuation.definition.string.end.jxmb' } },
    ...(escapes ? { patterns: [{ name: 'constant.character.escape.jxmb', match: '\\\\.' }] } : {})
});

/** The grammar as VS Code reads it. */
export async function textMateGrammar(grammarFile = `${repo}language/jxmb.langium`) {
    const keywords = await keywordsOf(grammarFile);
    const byScope = new Map(SCOPES.map(([scope]) => [scope, []]));
    for (const [keyword, rules] of keywords) {
        const [scope] = SCOPES.find(([, test]) => test(rules, keyword));
        byScope.get(scope).push(keyword);
    }
    const operators = byScope.get('keyword.operator.comparison.jxmb').sort(longestFirst);
    const units = byScope.get('keyword.other.unit.jxmb').sort(longestFirst);
    const unit = `(?:[${CJK}A-Za-z][${CJK}A-Za-z/·]*|${units.map(escape).join('|')})`;
    const number = '\\d{1,3}(?:[,，]\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
    // 项目支出 is a declaration and an amount: followed by a number (or 空, or a block of amounts) it is the amount.
    const amounts = [...keywords].filter(([, rules]) => rules.some(r => AMOUNT_RULES.includes(r))).map(([k]) => k).sort(longestFirst);
    const amountPattern = { name: 'variable.other.property.jxmb', match: `${word(amounts)}(?=${SPACE}*[:：]?${SPACE}*(?:\\d|空|[{｛]))` };
    const wordScopes = SCOPES.map(([scope]) => scope)
        .filter(scope => scope !== 'keyword.operator.comparison.jxmb' && scope !== 'keyword.other.unit.jxmb' && byScope.get(scope).length > 0);
    const wordPatterns = wordScopes.map(scope => ({ name: scope, match: word(byScope.get(scope).sort(longestFirst)) }));
    // As in the lexer, a keyword is never a unit (UNIT: 「Keywords win over it」): 基本支出 238.97  项目支出 329.00.
    const notKeyword = `(?!${word(wordScopes.flatMap(scope => byScope.get(scope)).sort(longestFirst))})`;
    return {
        name: 'jxmb',
        scopeName: 'source.jxmb',
        fileTypes: ['.jxmb'],
        patterns: [
            { include: '#comments' },
            { include: '#strings' },
            { include: '#values' },
            { include: '#keywords' },
            { include: '#punctuation' }
        ],
        repository: {
            comments: {
                patterns: [
                    { name: 'comment.block.jxmb', begin: '/\\*', end: '\\*/' },
                    { name: 'comment.line.double-slash.jxmb', match: '//.*$' }
                ]
            },
            strings: { patterns: [string('"', '"', true), string('“', '”', false), string('「', '」', false)] },
            values: {
                patterns: [
                    { name: 'keyword.operator.comparison.jxmb', match: operators.map(escape).join('|') },
                    { name: 'constant.numeric.date.jxmb', match: '\\d{4}-\\d{1,2}-\\d{1,2}' },
                    // A number and its unit, right after it or after spaces (≥96场次, ≥ 50 人次, 100%, 1~3天).
                    {
                        match: `(${number})(?:${SPACE}*${notKeyword}(${unit}))?`,
                        captures: { 1: { name: 'constant.numeric.jxmb' }, 2: { name: 'keyword.other.unit.jxmb' } }
                    },
                    { name: 'keyword.operator.range.jxmb', match: '[~～–]' }
                ]
            },
            keywords: { patterns: [amountPattern, ...wordPatterns] },
            punctuation: {
                patterns: [
                    { name: 'punctuation.section.block.begin.jxmb', match: '[{｛]' },
                    { name: 'punctuation.section.block.end.jxmb', match: '[}｝]' },
                    { name: 'punctuation.separator.key-value.jxmb', match: '[:：]' },
                    { name: 'punctuation.separator.jxmb', match: '[;；,，]' }
                ]
            }
        }
    };
}

export const textMateText = async () => JSON.stringify(await textMateGrammar(), null, 2) + '\n';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    writeFileSync(`${repo}${TEXTMATE_FILE}`, await textMateText());
}
