import { CstUtils, type CstNode, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider } from 'langium/lsp';
import { FoldingRange, FoldingRangeKind, type FoldingRangeParams } from 'vscode-languageserver';

// 折叠: Langium folds every node of three lines or more and every block comment. Three things it does not do for jxmb:
// - a block closed by the full-width ｝ (IME input) kept its closing line inside the fold, hiding the brace;
// - a block comment of two lines did not fold, and its closing line stayed visible;
// - a run of // line comments (the header of a sample) did not fold at all.
// Ranges that start on the same line are reduced to the outermost: the editor keeps only one per line.

const CLOSERS = new Set(['}', '｝', ')', ']']);

export class JxmbFoldingRangeProvider extends DefaultFoldingRangeProvider {
    override async getFoldingRanges(document: LangiumDocument, params: FoldingRangeParams): Promise<FoldingRange[]> {
        try {
            return outermostPerLine([...await super.getFoldingRanges(document, params), ...lineCommentRuns(document)]);
        } catch {
            return [];
        }
    }

    protected override toFoldingRange(document: LangiumDocument, node: CstNode, kind?: FoldingRangeKind): FoldingRange | undefined {
        if (kind === FoldingRangeKind.Comment) {
            const { start, end } = node.range;
            return end.line > start.line ? FoldingRange.create(start.line, end.line, start.character, end.character, kind) : undefined;
        }
        return super.toFoldingRange(document, node, kind);
    }

    // A block keeps its closing brace visible (the default knows only the ASCII one).
    protected override includeLastFoldingLine(node: CstNode): boolean {
        return !CLOSERS.has(node.root.fullText.charAt(node.end - 1));
    }
}

/** Two or more consecutive lines that hold nothing but a // comment fold as one comment. */
function lineCommentRuns(document: LangiumDocument): FoldingRange[] {
    const root = document.parseResult?.value?.$cstNode;
    if (!root) return [];
    const lines: number[] = [];
    for (const node of CstUtils.flattenCst(root)) {
        if (node.tokenType.name !== 'SL_COMMENT') continue;
        const { start } = node.range;
        const before = document.textDocument.getText({ start: { line: start.line, character: 0 }, end: start });
        if (before.trim() === '') lines.push(start.line);
    }
    const ranges: FoldingRange[] = [];
    for (let i = 0; i < lines.length;) {
        let j = i;
        while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
        if (j > i) ranges.push(FoldingRange.create(lines[i]!, lines[j]!, undefined, undefined, FoldingRangeKind.Comment));
        i = j + 1;
    }
    return ranges;
}

function outermostPerLine(ranges: FoldingRange[]): FoldingRange[] {
    const byStart = new Map<number, FoldingRange>();
    for (const range of ranges) {
        const kept = byStart.get(range.startLine);
        if (!kept || range.endLine > kept.endLine) byStart.set(range.startLine, range);
    }
    return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
