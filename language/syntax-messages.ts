import type { IToken, TokenType } from 'chevrotain';
import { AbstractParserErrorMessageProvider, DefaultLexerErrorMessageProvider } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Code } from './validation/codes.js';

// Syntax errors in Chinese: the people who write these tables read Chinese first, and Chevrotain's
// "Expecting token of type …" means nothing to them.
const terminalNames: Record<string, string> = {
    STRING: '带引号的文字（"…" 或 “…”）',
    NUMBER: '数字',
    DATE: '日期（如 2024-12-31）',
    UNIT: '单位（如 场次、%）'
};

function describe(token: TokenType): string {
    // Keyword tokens are named by their text (older Langium versions appended ':KW').
    return terminalNames[token.name] ?? `「${token.name.replace(/:KW$/, '')}」`;
}

/** Control characters shown by their code (U+001B), so a message never carries a terminal escape or a bell. */
function visible(text: string): string {
    return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, c => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function shown(token: IToken | undefined): string {
    if (!token || token.image === '' || token.tokenType?.name === 'EOF') {
        return '文件结尾';
    }
    const image = token.image.length > 20 ? token.image.slice(0, 20) + '…' : token.image;
    return `「${visible(image)}」`;
}

function alternatives(paths: TokenType[][][] | TokenType[][]): string {
    const firsts = new Set<string>();
    for (const path of paths.flat(1) as Array<TokenType[] | TokenType>) {
        const first = Array.isArray(path) ? path[0] : path;
        if (first) firsts.add(describe(first));
    }
    const list = [...firsts];
    return list.length > 8 ? list.slice(0, 8).join('、') + ' 等' : list.join('、');
}

export class JxmbParserErrorMessageProvider extends AbstractParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken }): string {
        return `语法错误：此处应为 ${describe(options.expected)}，却是 ${shown(options.actual)}。`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken }): string {
        return `语法错误：${shown(options.firstRedundant)} 无法识别，此处应为「部门整体」或「项目支出」声明。`;
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[] }): string {
        return `语法错误：此处应为 ${alternatives(options.expectedPathsPerAlt)} 之一，却是 ${shown(options.actual[0])}。`;
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[] }): string {
        return `语法错误：此处至少需要一个 ${alternatives(options.expectedIterationPaths)}，却是 ${shown(options.actual[0])}。`;
    }
}

export class JxmbLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + Math.min(length, 20));
        const opening = /^["“「]/.exec(text)?.[0];
        if (opening) {
            const closing = opening === '"' ? '"' : opening === '“' ? '”' : '」';
            return `引号「${opening}」未闭合：缺少对应的「${closing}」（字符串可以跨行，但不能延续到以「}」或带引号的指标名称开头的行）。`;
        }
        return `无法识别的字符「${visible(text)}」。`;
    }
}

/** Syntax findings listed one by one per document; the rest are counted in the last one. */
export const MAX_SYNTAX_FINDINGS = 200;

/**
 * A text that is not jxmb at all (a pasted binary, another format) has a syntax error every few characters: 1 MB
 * gave 124,000 findings, 23 MB of messages for the editor. The first MAX_SYNTAX_FINDINGS in the text stand; one more
 * at the next error's place says how many follow.
 */
export function capSyntaxFindings(diagnostics: Diagnostic[]): Diagnostic[] {
    const syntax = diagnostics.filter(d => d.code === Code.lexingError || d.code === Code.parsingError);
    if (syntax.length <= MAX_SYNTAX_FINDINGS) return diagnostics;
    const byPlace = [...syntax].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const dropped = new Set(byPlace.slice(MAX_SYNTAX_FINDINGS));
    const next = byPlace[MAX_SYNTAX_FINDINGS]!;
    const rest = byPlace.length - MAX_SYNTAX_FINDINGS;
    const summary: Diagnostic = {
        ...next,
        message: `从这里起还有 ${rest.toLocaleString('en-US')} 处语法错误，未逐一列出：这段文本大概不是 jxmb（例如粘贴了二进制内容或别的格式）。`
    };
    return [...diagnostics.filter(d => !dropped.has(d)), summary];
}
