// Names and texts holding characters nobody sees (domain/invisible-chars.ts): typed, pasted from a web page or kept
// by the import as the table had them. One finding per name or text, on the first of them, naming each kind; the
// quick-fix (lsp/fixes/text.ts) deletes them all. Checked in 保密 projects too: a hidden character is in the table
// whatever its project. Comments are looked at for what makes them show otherwise than written (checkComments).
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type CstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Document, JxmbAstType, TaskContent, TaskGoal, TextValue } from '../generated/ast.js';
import {
    commentRuns, hasInvisible, invisibleNames, invisibleRuns, isControl, isDirectionControl, markInvisible, runNames, type InvisibleRun
} from '../domain/invisible-chars.js';
import { Code } from './codes.js';

/** Characters shown on each side of the first hidden one, in a long text. */
const AROUND = 12;

/** The text around its first hidden character (or the first `wanted`), those shown as 〈U+200B〉. */
function excerpt(text: string, wanted: (char: string) => boolean = hasInvisible): string {
    const chars = Array.from(text);
    const first = chars.findIndex(wanted);
    const start = Math.max(0, first - AROUND);
    const end = Math.min(chars.length, first + 1 + AROUND);
    return (start > 0 ? '…' : '') + markInvisible(chars.slice(start, end).join('')) + (end < chars.length ? '…' : '');
}

/** `what` names the field (「三级指标名称」, 「任务「X」的期望目标」): built only for a text that has such characters. */
function check(node: AstNode, property: string, kind: '名称' | '文字', accept: ValidationAcceptor, what: () => string): void {
    const text = (node as unknown as Record<string, unknown>)[property];
    if (typeof text !== 'string' || !hasInvisible(text)) return;
    const cst = GrammarUtils.findNodeForProperty(node.$cstNode, property);
    const runs = cst ? invisibleRuns(cst.text) : [];
    const first = runs[0];
    if (!cst || !first) return;
    const document = AstUtils.getDocument(node).textDocument;
    const range = { start: document.positionAt(cst.offset + first.index), end: document.positionAt(cst.offset + first.index + first.text.length) };
    const chars = runs.flatMap(run => Array.from(run.text));
    const effects: string[] = [];
    if (chars.some(char => !isDirectionControl(char))) {
        effects.push(kind === '名称'
            ? '这样的字符看不见，却使它与看起来相同的名称不同：查重、补全、检索和财政系统比对时都算作另一个名称。'
            : '这样的字符看不见，却使它与看起来相同的文字不同：检索和比对时对不上，其中的数字也可能读不出来。');
    }
    if (chars.some(isDirectionControl)) effects.push('方向控制字符会改变前后文字的显示顺序，看到的与实际写的不同。');
    if (chars.some(isControl)) effects.push('控制字符在 Excel 表中存不下，编译为 .xlsx 时会被删去，表中的文字便与这里的不同。');
    const places = runs.length > 1 ? `（共 ${runs.length} 处）` : '';
    accept('warning', `${what()}「${excerpt(text)}」含不可见字符：${invisibleNames(text).join('、')}${places}。${effects.join('')}请删去。`,
        { node, range, code: Code.invisibleChar });
}

/**
 * 「// …」 and 「/* … *\/」: hidden tokens, kept in the tree beside the token they stand before. One finding per comment
 * holding direction controls or tag characters: a direction control turns the line around as the editor shows it (the
 * comment's text, and after a block comment the table's own text on that line: "Trojan Source"), a tag character hides
 * a text a reader does not see and a program reading the file does. Zero-width spaces and the like are left alone in
 * a comment: nothing there is compared, matched or exported.
 */
function checkComments(root: Document, accept: ValidationAcceptor): void {
    const cst = root.$cstNode;
    const document = AstUtils.getDocument(root).textDocument;
    if (!cst) return;
    const comments = new Map<CstNode, InvisibleRun[]>();
    for (const run of commentRuns(document.getText())) {
        const leaf = CstUtils.findLeafNodeAtOffset(cst, run.index);
        // In a string the string's own finding names it; outside any token it is a lexing error.
        if (!leaf?.hidden || !/^\/[/*]/.test(leaf.text) || run.index < leaf.offset || run.index >= leaf.end) continue;
        const runs = comments.get(leaf) ?? [];
        runs.push({ index: run.index - leaf.offset, text: run.text });
        comments.set(leaf, runs);
    }
    for (const [comment, runs] of comments) {
        const first = runs[0]!;
        const chars = runs.flatMap(run => Array.from(run.text));
        const effects: string[] = [];
        if (chars.some(isDirectionControl)) {
            effects.push('方向控制字符会改变这一行在编辑器中的显示顺序，看到的与实际写的不同：注释后面的内容可能看起来在注释里，注释里的文字也可能看起来像表格内容。');
        }
        if (chars.some(char => !isDirectionControl(char))) effects.push('标签字符看不见，却能在注释中藏一段文字，读文件的程序读得到，人看不到。');
        const places = runs.length > 1 ? `（共 ${runs.length} 处）` : '';
        const start = comment.offset + first.index;
        accept('warning', `注释「${excerpt(comment.text, char => commentRuns(char).length > 0)}」含不可见字符：${runNames(runs).join('、')}${places}。${effects.join('')}请删去。`,
            { node: root, range: { start: document.positionAt(start), end: document.positionAt(start + first.text.length) }, code: Code.invisibleChar });
    }
}

const nameOf = (name: string | undefined) => markInvisible(name ?? '');

function checkValue(value: TextValue, accept: ValidationAcceptor): void {
    const indicator = value.$container;
    const role = value.$containerProperty === 'period' ? '实施周期指标值' : value.$containerProperty === 'annual' ? '年度指标值' : '指标值';
    check(value, 'text', '文字', accept, () => `「${nameOf(indicator.name)}」的${role}`);
}

const ofTask = (node: TaskContent | TaskGoal, field: string) => `任务「${nameOf(node.$container.name)}」的${field}`;

export const invisibleCharChecks: ValidationChecks<JxmbAstType> = {
    Document: checkComments,
    DepartmentDeclaration: (node, accept) => check(node, 'unit', '名称', accept, () => '部门名称'),
    ProjectDeclaration: (node, accept) => check(node, 'unit', '名称', accept, () => '部门名称'),
    TitleField: (node, accept) => check(node, 'text', '文字', accept, () => '标题'),
    OverallGoal: (node, accept) => check(node, 'text', '文字', accept, () => '总体绩效目标'),
    Task: (node, accept) => check(node, 'name', '名称', accept, () => '年度重点工作任务名称'),
    TaskContent: (node, accept) => check(node, 'text', '文字', accept, () => ofTask(node, '主要实施内容')),
    TaskGoal: (node, accept) => check(node, 'text', '文字', accept, () => ofTask(node, '期望目标')),
    OtherTasks: (node, accept) => check(node, 'text', '文字', accept, () => '其他需完成的任务'),
    Remark: (node, accept) => check(node, 'text', '文字', accept, () => '备注'),
    SpendingUnit: (node, accept) => check(node, 'name', '名称', accept, () => '资金使用单位名称'),
    Project: (node, accept) => check(node, 'name', '名称', accept, () => '项目名称'),
    ProjectGoal: (node, accept) => check(node, 'text', '文字', accept, () => `项目「${nameOf(node.$container.name)}」的绩效目标`),
    Indicator: (node, accept) => check(node, 'name', '名称', accept, () => '三级指标名称'),
    TextValue: checkValue
};
