// A 项目支出 table holds each project's 绩效指标 as one flattened string (RULES §6.1), which has no escape: a 三级 name
// or value holding the text that separates its fields is cut there by whoever reads the table (jxmb's import, the
// finance system), and the rest is lost or filed under another indicator. Compile writes the text as it is, so the
// author is told here, at the place, and rephrases.
import { AstUtils, GrammarUtils, type CstNode, type ValidationAcceptor } from 'langium';
import { containerOf } from '../ast-walk.js';
import type { Range } from 'vscode-languageserver-types';
import { flatSeparatorIn, type FlatField } from '../compile/flat.js';
import type { Indicator, Value } from '../generated/ast.js';
import { Code } from './codes.js';

const FORMAT = '「n、一级；二级；名称；实施周期指标值:…；年度指标值:…。」';

/** How a reader takes the separator, and what to write instead. */
function reading(found: string, field: FlatField): { reads: string; instead: string } {
    if (found === '；') return { reads: '「；」会被读作名称的结尾', instead: '把「；」改为「，」或「、」' };
    if (found.startsWith('。')) {
        return { reads: `「${found}」会被读作这一项的结尾和下一项的开头`, instead: `把这里的「。」改为「${field === 'name' ? '，' : '；'}」` };
    }
    if (found.startsWith('；')) return { reads: `「${found}」会被读作实施周期指标值的结尾`, instead: '改写这几个字' };
    return { reads: `「${found}」会被当作排版标记删去`, instead: '删去「<p>」「</p>」' };
}

interface Separator { index: number; text: string }

/** Where the separator stands in the source token, found again in its raw text (quotes and escapes shift it). */
function separatorRange(cst: CstNode | undefined, find: (raw: string) => Separator | null): Range | undefined {
    const found = cst && find(cst.text);
    if (!cst || !found) return undefined;
    const document = AstUtils.getDocument(cst.astNode).textDocument;
    return { start: document.positionAt(cst.offset + found.index), end: document.positionAt(cst.offset + found.index + found.text.length) };
}

function report(accept: ValidationAcceptor, what: string, field: FlatField, found: string,
    at: { node: Indicator | Value; property?: 'name'; range?: Range }): void {
    const { reads, instead } = reading(found, field);
    accept('warning', `${what}含「${found}」：项目支出表把一个项目的绩效指标写成一串${FORMAT}，${reads}，`
        + `导入或财政系统读表时其后的文字会丢失或归入别的指标。请${instead}。`, { ...at, code: Code.flatSeparator });
}

/** The first separator of a value: a value written once stands in both the 实施周期 and the 年度 field. */
function valueSeparator(text: string, fields: readonly FlatField[]): (Separator & { field: FlatField }) | null {
    const found = fields.map(field => ({ field, at: flatSeparatorIn(text, field) })).filter(f => f.at !== null);
    const first = found.sort((a, b) => a.at!.index - b.at!.index)[0];
    return first ? { ...first.at!, field: first.field } : null;
}

export function checkFlatSeparators(indicator: Indicator, accept: ValidationAcceptor): void {
    if (!containerOf(indicator, 'ProjectDeclaration')) return;
    const name = flatSeparatorIn(indicator.name, 'name');
    if (name) {
        const cst = GrammarUtils.findNodeForProperty(indicator.$cstNode, 'name');
        const range = separatorRange(cst, raw => flatSeparatorIn(raw, 'name'));
        report(accept, `三级指标名称「${indicator.name}」`, 'name', name.text, { node: indicator, property: 'name', range });
    }
    const values: Array<[Value | undefined, string, readonly FlatField[]]> = [
        [indicator.value, '指标值', ['period', 'annual']], [indicator.period, '实施周期指标值', ['period']], [indicator.annual, '年度指标值', ['annual']]
    ];
    for (const [value, role, fields] of values) {
        if (value?.$type !== 'TextValue' || !value.text) continue;
        const found = valueSeparator(value.text, fields);
        if (!found) continue;
        const range = separatorRange(value.$cstNode, raw => valueSeparator(raw, fields));
        report(accept, `「${indicator.name}」的${role}`, found.field, found.text, { node: value, range });
    }
}
