// `"名称" "不少于50篇"`: without its 「：」 a quoted value parses as a second 三级 with no value, so the parser sees
// no error. Read off the line: the same advice and repair as the parser's for `"名称" ≥20场次` (syntax-hints.ts).
import { AstUtils, type ValidationAcceptor } from 'langium';
import { isIndicator, type Indicator } from '../generated/ast.js';
import { Code } from './codes.js';

const BLANKS = /^[ \t\u3000]*$/;
const ENDS_WITH_SEPARATOR = /[;；,，]\s*$/;

const hasValue = (indicator: Indicator) => !!(indicator.value || indicator.period || indicator.annual);

/** The 三级 `step` places before (-1) or after (+1) `indicator` in its block. */
function sibling(indicator: Indicator, step: -1 | 1): Indicator | undefined {
    const list = (indicator.$container as { indicators?: unknown[] }).indicators ?? [];
    // Every 三级 without a value asks this: its own place in the block ($containerIndex), not a scan of the block,
    // keeps a block of thousands of names-only rows linear. The scan is only the fallback for a list changed since.
    let at = indicator.$containerIndex ?? -1;
    if (list[at] !== indicator) at = list.indexOf(indicator);
    for (let i = at + step; at >= 0 && i >= 0 && i < list.length; i += step) if (isIndicator(list[i])) return list[i] as Indicator;
    return undefined;
}

/**
 * The name whose value `indicator` is, when `indicator` is a quoted value that lost its 「：」: both have no value and
 * nothing but blanks stands between them on one line.
 */
export function nameBeforeLostColon(indicator: Indicator): Indicator | undefined {
    // Every 三级 is asked: those with a value (nearly all) are answered without looking at their block.
    if (hasValue(indicator)) return undefined;
    const previous = sibling(indicator, -1);
    const [a, b] = [previous?.$cstNode, indicator.$cstNode];
    if (!previous || !a || !b || hasValue(previous) || ENDS_WITH_SEPARATOR.test(a.text)) return undefined;
    const text = AstUtils.getDocument(indicator).textDocument.getText();
    return BLANKS.test(text.slice(a.end, b.offset)) ? previous : undefined;
}

/** Whether `indicator` is either half of such a pair: its missing value is the lost 「：」's finding. */
export function isHalfOfLostColon(indicator: Indicator): boolean {
    if (nameBeforeLostColon(indicator)) return true;
    const next = sibling(indicator, 1);
    return !!next && nameBeforeLostColon(next) === indicator;
}

export function checkLostColon(indicator: Indicator, accept: ValidationAcceptor): void {
    const name = nameBeforeLostColon(indicator);
    if (!name?.$cstNode || !indicator.$cstNode) return;
    const document = AstUtils.getDocument(indicator).textDocument;
    const range = { start: document.positionAt(name.$cstNode.end), end: document.positionAt(indicator.$cstNode.offset) };
    accept('error', `「${indicator.name}」被读成了另一个没有指标值的三级指标（三级指标名称与指标值之间应有「：」）。`, {
        node: indicator,
        property: 'name',
        code: Code.missingColon,
        data: { code: Code.missingColon, repair: { title: '在名称后插入「：」', range, newText: '：' } }
    });
}
