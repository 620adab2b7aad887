import type { Diagnostic } from 'vscode-languageserver-types';
import { Code } from '../validation/codes.js';
import { oneLine } from '../domain/one-line.js';
import type { FindingFix } from './finding-fixes.js';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** One finding, with 1-based line and column as editors and terminals show them. */
export interface Finding {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: SeverityName;
    code: string;
    message: string;
    /** the editor's quick-fixes for it (check --format json only) */
    fixes?: FindingFix[];
}

const severities: SeverityName[] = ['error', 'error', 'warning', 'info', 'hint'];

export function toFinding(file: string, diagnostic: Diagnostic): Finding {
    return {
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: severities[diagnostic.severity ?? 1] ?? 'error',
        code: String(diagnostic.code ?? 'unknown'),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value
    };
}

/** A file name as printed on a line: a line break or an ESC in it would split the line, or be obeyed by the terminal. */
export const printableName = (file: string): string => file.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/**
 * A line about a file that could not be used (「表.xlsx: 这是一个链接，它指向的「…」不存在。」): the file's name and
 * what the message quotes (a link's target) come from outside, and an ESC in them would be obeyed by the terminal.
 */
export function formatProblem(file: string, message: string): string {
    return `${printableName(file)}: ${message.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '?')}`;
}

export function formatFinding(f: Finding): string {
    return `${printableName(f.file)}:${f.line}:${f.column} ${f.severity} ${f.code} ${oneLine(f.message)}`;
}

/** The text was not read as jxmb (a syntax error, or a file not read at all): nothing is compiled or drafted from it. */
export function isSyntaxError(d: Diagnostic): boolean {
    return d.code === Code.lexingError || d.code === Code.parsingError || d.code === Code.unreadableFile;
}
