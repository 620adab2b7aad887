import type { CstNode, GrammarAST, ValueType } from 'langium';
import { DefaultValueConverter } from 'langium';

// STRING has three quote styles; only the ASCII one has escapes. NUMBER and DATE stay as written (thousands
// separators, decimals) so that checks can see the text and the model converts it.
export class JxmbValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, _cstNode: CstNode): ValueType {
        if (rule.name === 'STRING') {
            return unquote(input);
        }
        // Every other rule of the grammar is a string: NUMBER and DATE as written, the rest (units, operators,
        // category keywords) as well. Langium's default would look up each rule's type for every token.
        return input;
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
