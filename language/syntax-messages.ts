import type { IToken, TokenType } from 'chevrotain';
import { AbstractParserErrorMessageProvider, DefaultLexerErrorMessageProvider } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { hasInvisible, invisibleName, isControl } from './domain/invisible-chars.js';
import { negativeNumberMessage, OPERATOR } from './syntax-hints.js';
import { Code } from './validation/codes.js';

// Syntax errors in Chinese: the people who write these tables read Chinese first, and Chevrotain's
// "Expecting token of type …" means nothing to them.
// Every terminal of jxmb.langium, as the writer types it (a test checks that no message shows a token's name).
const terminalNames: Record<string, string> = {
    STRING: '带引号的文字（"…" 或 “…”）',
    NUMBER: '数字',
    DATE: '日期（如 2024-12-31）',
    UNIT: '单位（如 场次、%）',
    LBRACE: '「{」',
    RBRACE: '「}」',
    COLON: '「：」',
    SEPARATOR: '「；」或「，」',
    RANGE_SEP: '区间号「～」',
    EOF: '文件结尾'
};

function describe(token: TokenType): string {
    // Keyword tokens are named by their text (older Langium versions appended ':KW').
    return terminalNames[token.name] ?? `「${token.name.replace(/:KW$/, '')}」`;
}

/** At most `n` characters of `text`, by code point: a Han character beyond the BMP (𠀀) is never cut in two. */
function firstChars(text: string, n: number): string {
    const chars = Array.from(text.slice(0, 2 * n + 1));
    return chars.length > n ? chars.slice(0, n).join('') + '…' : text;
}

/** Control characters shown by their code (U+001B), so a message never carries a terminal escape or a bell. */
function visible(text: string): string {
    return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, c => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function shown(token: IToken | undefined): string {
    if (!token || token.image === '' || token.tokenType?.name === 'EOF') {
        return '文件结尾';
    }
    const image = firstChars(token.image, 20);
    return `「${visible(image)}」`;
}


/**
 * The lists already named, by the paths Chevrotain gave: the parser hands over the same paths at every error of the
 * same choice (parse/no-viable-alt.ts), 10,000 times in a file of 10,000 broken rows.
 */
const named = new WeakMap<object, string>();
const flatPaths = new WeakMap<TokenType[][][], TokenType[][]>();

/** What may stand at a place: the first token of each path, each named once; 「之一」 when there are several. */
function alternatives(paths: TokenType[][][] | TokenType[][]): string {
    let list = named.get(paths);
    if (list === undefined) named.set(paths, list = nameAlternatives(paths));
    return list;
}

function nameAlternatives(paths: TokenType[][][] | TokenType[][]): string {
    const firsts = new Set<string>();
    for (const path of paths.flat(1) as Array<TokenType[] | TokenType>) {
        const first = Array.isArray(path) ? path[0] : path;
        if (first) firsts.add(OPERATOR.test(first.name) ? '比较符号（≥、≤、= 等）' : describe(first));
    }
    const list = [...firsts];
    if (list.length === 1) return list[0]!;
    return (list.length > 8 ? list.slice(0, 8).join('、') + ' 等' : list.join('、')) + ' 之一';
}

/** Chevrotain's test of a token against a token type (categories included). */
function isOfType(token: IToken, type: TokenType): boolean {
    const t = type as TokenType & { tokenTypeIdx?: number; isParent?: boolean; categoryMatchesMap?: Record<number, boolean> };
    return token.tokenTypeIdx === t.tokenTypeIdx || (t.isParent === true && t.categoryMatchesMap?.[token.tokenTypeIdx] === true);
}

/** The first `n` tokens are the path's first `n`. */
function follows(tokens: IToken[], path: TokenType[], n: number): boolean {
    for (let i = 0; i < n; i++) if (!tokens[i] || !path[i] || !isOfType(tokens[i]!, path[i]!)) return false;
    return true;
}

export class JxmbParserErrorMessageProvider extends AbstractParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken }): string {
        return `语法错误：此处应为 ${describe(options.expected)}，却是 ${shown(options.actual)}。`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken }): string {
        return `语法错误：${shown(options.firstRedundant)} 无法识别，此处应为「部门整体」或「项目支出」声明。`;
    }

    override buildNoViableAltMessage({ expectedPathsPerAlt, actual }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[] }): string {
        // The text may follow an alternative for a token or more (「≥」 before a missing number): the message names
        // the first token no alternative takes, and what could stand there.
        let paths = flatPaths.get(expectedPathsPerAlt);
        if (paths === undefined) flatPaths.set(expectedPathsPerAlt, paths = expectedPathsPerAlt.flat(1));
        let depth = 0;
        while (depth + 1 < actual.length && paths.some(path => path.length > depth + 1 && follows(actual, path, depth + 1))) depth++;
        if (depth > 0) {
            const next = paths.filter(path => path.length > depth && follows(actual, path, depth)).map(path => [path[depth]!]);
            return `语法错误：${shown(actual[depth - 1])} 之后应为 ${alternatives(next)}，却是 ${shown(actual[depth])}。`;
        }
        return `语法错误：此处应为 ${alternatives(expectedPathsPerAlt)}，却是 ${shown(actual[0])}。`;
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[] }): string {
        return `语法错误：此处至少需要一个 ${alternatives(options.expectedIterationPaths).replace(/ 之一$/, '')}，却是 ${shown(options.actual[0])}。`;
    }
}

export class JxmbLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        // 20 characters by code point (at most 40 code units): a character beyond the BMP is never cut in two.
        const text = Array.from(fullText.substring(startOffset, startOffset + Math.min(length, 40))).slice(0, 20).join('');
        const opening = /^["“「]/.exec(text)?.[0];
        if (opening) {
            const closing = opening === '"' ? '"' : opening === '“' ? '”' : '」';
            return `引号「${opening}」未闭合：缺少对应的「${closing}」（字符串可以跨行，但不能延续到以「}」或带引号的指标名称开头的行）。`;
        }
        // A character nobody sees, pasted in with the text (「45<U+200B>场次」): named, since the character itself shows nothing.
        // Control characters are shown by their code below, with the length of their run (1 MB of NUL).
        const first = Array.from(text)[0] ?? '';
        if (hasInvisible(first) && !isControl(first)) return `无法识别的字符：看不见的${invisibleName(first)}。`;
        // A long run (a pasted binary, 1 MB of NUL) shows its start and says how long it is.
        const more = text.length < length ? `…」（连续 ${length.toLocaleString('en-US')} 个字符）。` : '」。';
        return negativeNumberMessage(fullText, startOffset) ?? `无法识别的字符「${visible(text)}${more}`;
    }
}

/** The codes of syntax errors: no severity setting changes or silences them (the file cannot be read right). */
export const SYNTAX_CODES: ReadonlySet<string> = new Set([Code.lexingError, Code.parsingError]);

/** A lexing or parsing error (Langium puts their code in `data` only; the validator copies it to `code`). */
export function isSyntaxFinding(diagnostic: Diagnostic): boolean {
    return SYNTAX_CODES.has(String(diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code));
}

/** Syntax findings listed one by one per document; the rest are counted in the last one. */
export const MAX_SYNTAX_FINDINGS = 200;

/**
 * A text that is not jxmb at all (a pasted binary, another format) has a syntax error every few characters: 1 MB
 * gave 124,000 findings, 23 MB of messages for the editor. The first MAX_SYNTAX_FINDINGS in the text stand; one more
 * at the next error's place says how many follow.
 */
export function capSyntaxFindings(diagnostics: Diagnostic[]): Diagnostic[] {
    const syntax = diagnostics.filter(isSyntaxFinding);
    if (syntax.length <= MAX_SYNTAX_FINDINGS) return diagnostics;
    const byPlace = [...syntax].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const dropped = new Set(byPlace.slice(MAX_SYNTAX_FINDINGS));
    const next = byPlace[MAX_SYNTAX_FINDINGS]!;
    const rest = byPlace.length - MAX_SYNTAX_FINDINGS;
    const summary: Diagnostic = {
        ...next,
        // the count stands for many errors: no quick-fix of the one at its place (syntax-hints.ts)
        data: { code: (next.data as { code?: string } | undefined)?.code },
        message: `从这里起还有 ${rest.toLocaleString('en-US')} 处语法错误，未逐一列出：这段文本大概不是 jxmb（例如粘贴了二进制内容或别的格式）。`
    };
    return [...diagnostics.filter(d => !dropped.has(d)), summary];
}
