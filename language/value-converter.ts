import type { CstNode, GrammarAST, ValueType } from 'langium';
import { DefaultValueConverter } from 'langium';

// STRING has three quote styles; only the ASCII one has escapes. NUMBER and DATE stay as written so that checks can
// see the text and the model converts it; only a full-width thousands separator (2，000.00, typed by an IME) becomes
// the ASCII one, so that every reader of amounts takes one spelling.
export class JxmbValueConverter extends DefaultValueConverter {
    // Every rule of the grammar but STRING is a string as written: NUMBER and DATE (thousands separators, decimals),
    // units, operators, category keywords. Langium's default asks the grammar's reflection, for every token, whether
    // it is a cross-reference (jxmb has none) and a rule call, and looks up the rule's type.
    override convert(input: string, cstNode: CstNode): ValueType {
        const feature = cstNode.grammarSource;
        if (feature?.$type !== 'RuleCall') return input;
        const rule = (feature as GrammarAST.RuleCall).rule.ref?.name;
        return rule === 'STRING' ? unquote(input) : rule === 'NUMBER' && input.includes('，') ? input.replace(/，/g, ',') : input;
    }
}

export function unquote(input: string): string {
    if (input.startsWith('"')) {
        return input.slice(1, -1).replace(/\\(.)/gs, '$1');
    }
    return input.slice(1, -1);
}

/**
 * The inverse of unquote for the printer: ASCII quotes, escaping `"` and `\`, and a closing brace or Chinese quote
 * that starts a line of the text (a string may not go on into a line that starts with a brace or a name in quotes:
 * jxmb.langium, STRING).
 */
export function quote(text: string): string {
    return '"' + text.replace(/[\\"]/g, ch => '\\' + ch).replace(/(\n[ \t\u3000]*)([}｝“「])/g, '$1\\$2') + '"';
}
