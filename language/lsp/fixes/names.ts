// Quick-fix for a 三级 name that carries its target (validation/hierarchy-names.ts): the name without the target,
// and the target in the 指标值 where that held none of its own. Where the 指标值 is another target the user decides,
// and nothing is offered: the fix would drop one of the two.
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from '../../generated/ast.js';
import { NameCode, type TargetInNameData } from '../../validation/hierarchy-names.js';
import { quote } from '../../value-converter.js';
import type { FixRegistry, QuickFix } from '../quick-fix.js';
import { rangeOf } from './text-layout.js';
import { indicatorAt } from './values.js';

type Doc = LangiumDocument<Document>;

const CLOSING: Record<string, string> = { '“': '”', '「': '」' };

/** The new name in the quotes the old one had, where they can hold it; else as the printer writes it. */
function requote(source: string, name: string): string {
    const close = CLOSING[source[0]!];
    return close && !name.includes(close) ? `${source[0]}${name}${close}` : quote(name);
}

function fixTargetInName(diagnostic: Diagnostic, document: Doc): QuickFix[] {
    const data = diagnostic.data as TargetInNameData;
    const indicator = indicatorAt(document, diagnostic);
    const nameNode = indicator && GrammarUtils.findNodeForProperty(indicator.$cstNode, 'name');
    if (!data.move || !indicator || !nameNode) return [];
    const name = requote(nameNode.text, data.name);
    if (data.move === 'name') {
        return [{ title: `从名称中删去目标值（指标值已是「${data.value ?? data.target}」）`, edits: [{ range: rangeOf(document, nameNode.offset, nameNode.end), newText: name }], isPreferred: true }];
    }
    const value = data.value ?? quote(data.target);
    const last = indicator.annual ?? indicator.period ?? indicator.value;
    const end = last?.$cstNode?.end ?? nameNode.end;
    return [{
        title: `目标值移入指标值：${name}：${value}`,
        edits: [{ range: rangeOf(document, nameNode.offset, end), newText: `${name}：${value}` }],
        isPreferred: true
    }];
}

export const nameFixes: FixRegistry = {
    [NameCode.targetInName]: fixTargetInName
};
