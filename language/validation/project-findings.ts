import type { AstNode } from 'langium';
import type { Diagnostic, Position } from 'vscode-languageserver-types';

// 项目的检查结果: the checks on a project's nodes read that project, its declaration's 年度 and the settings,
// nothing of other projects. After an edit elsewhere the project node is the same object (parse/reparse.ts keeps
// unchanged nodes), so its findings are kept with it, positions relative to its first token, and moved to
// where it stands now. A 项目支出 table of 200 projects is then checked one project per keystroke.

interface Kept {
    /** What else the findings depend on (settings, 年度, categories). */
    context: string;
    origin: Position;
    diagnostics: Diagnostic[];
}

const kept = new WeakMap<AstNode, Kept>();

/** The project's findings as last computed, placed at `origin`, if they were computed in the same context. */
export function keptFindings(project: AstNode, context: string, origin: Position): Diagnostic[] | undefined {
    const entry = kept.get(project);
    if (!entry || entry.context !== context) return undefined;
    return entry.diagnostics.map(d => move(d, entry.origin, origin));
}

export function keepFindings(project: AstNode, context: string, origin: Position, diagnostics: readonly Diagnostic[]): void {
    // A finding pointing elsewhere (related information) would not move with the project: not kept.
    if (diagnostics.some(d => d.relatedInformation)) return;
    // Copies: the validator changes severities and codes on the objects it returns.
    kept.set(project, { context, origin, diagnostics: diagnostics.map(d => move(d, origin, origin)) });
}

function move(diagnostic: Diagnostic, from: Position, to: Position): Diagnostic {
    const { start, end } = diagnostic.range;
    return { ...diagnostic, range: { start: movePosition(start, from, to), end: movePosition(end, from, to) } };
}

/** Lines move by the project's line shift; columns only on the project's first line. */
function movePosition(p: Position, from: Position, to: Position): Position {
    return p.line === from.line
        ? { line: to.line, character: p.character - from.character + to.character }
        : { line: p.line - from.line + to.line, character: p.character };
}
