// Expected diagnostics written in a .jxmb test file, next to the text they concern (the Safe-DS way):
//
//     // $TEST$ error structure/duplicate-amount
//     预算 { 基本支出 1  »基本支出« 2 }
//
// Each `$TEST$` comment goes with the next »…« range, in order. `$TEST$ no <severity> <code>` says that code must
// not be reported on that range. The markers are removed before parsing.

import { expect } from 'vitest';
import { DataFileError } from '../../language/domain/data-file.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Range {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

export interface Expectation {
    present: boolean;
    severity: Severity;
    code: string;
    range: Range;
    /** 1-based line of the $TEST$ comment, for messages */
    commentLine: number;
}

const testComment = /\/\/\s*\$TEST\$\s+(no\s+)?(error|warning|info|hint)\s+(\S+)/g;

export function parseExpectations(source: string): { text: string; expectations: Expectation[] } {
    const comments: Array<{ present: boolean; severity: Severity; code: string; line: number }> = [];
    for (const match of source.matchAll(testComment)) {
        comments.push({
            present: !match[1],
            severity: match[2] as Severity,
            code: match[3]!,
            line: source.slice(0, match.index).split('\n').length
        });
    }
    const ranges: Range[] = [];
    let text = '';
    let line = 0;
    let character = 0;
    let open: { line: number; character: number } | undefined;
    for (const ch of source) {
        if (ch === '»') {
            if (open) throw new Error(`line ${line + 1}: » inside an open » … « range`);
            open = { line, character };
            continue;
        }
        if (ch === '«') {
            if (!open) throw new Error(`line ${line + 1}: « without »`);
            ranges.push({ start: open, end: { line, character } });
            open = undefined;
            continue;
        }
        text += ch;
        if (ch === '\n') {
            line++;
            character = 0;
        } else {
            character += ch.length; // LSP positions count UTF-16 units; astral characters are two
        }
    }
    if (open) throw new Error(`line ${open.line + 1}: » never closed`);
    if (ranges.length !== comments.length) {
        throw new Error(`${comments.length} $TEST$ comments but ${ranges.length} »…« ranges`);
    }
    return {
        text,
        expectations: comments.map((c, i) => ({ present: c.present, severity: c.severity, code: c.code, range: ranges[i]!, commentLine: c.line }))
    };
}

export function overlaps(a: Range, b: Range): boolean {
    const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
    return before(a.start, b.end) && before(b.start, a.end);
}

export function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function showRange(r: Range): string {
    return `${r.start.line + 1}:${r.start.character + 1}–${r.end.line + 1}:${r.end.character + 1}`;
}

/** The DataFileError a data-file loader throws (the test fails when it throws nothing, or something else). */
export function dataFileErrorOf(load: () => unknown): DataFileError {
    try {
        load();
    } catch (error) {
        expect(error).toBeInstanceOf(DataFileError);
        return error as DataFileError;
    }
    throw new Error('expected a DataFileError');
}
