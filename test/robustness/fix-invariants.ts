import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { valueOf } from '../../language/compile/from-ast.js';
import { parseAndValidate } from '../../language/documents.js';
import { isIndicator, type Document, type Indicator } from '../../language/generated/ast.js';
import { comparableName } from '../../language/validation/hierarchy-units.js';
import { unquote } from '../../language/value-converter.js';
import { jxmb } from '../helpers/services.js';

// What clicking a quick-fix may never do to the user's text, checked for every fix offered on one text: the request
// returns, the workspace edit is one an editor applies, and the text after it keeps what the fix does not claim to
// change. Each check returns the problems it found (empty: none), so that a failing property shows all of them.

const SYNTAX = new Set(['parsing-error', 'lexing-error']);
/**
 * Repairs of how the file reads (fixes/syntax.ts): a missing 「：」 joins a name and the value that was read as a
 * second 三级, so the 三级 change on purpose.
 */
const REPAIRS = new Set([...SYNTAX, 'structure/missing-colon']);

/** Fixes whose title says they rename a 三级 (or delete one): the only ones that may make a name disappear. */
const RENAMES = /拆分|名称改为|从名称中删去|删除重复|删去不可见字符|目标值移入|分项成本控制数|单位成本/;
/** Fixes that only move 三级 or blocks: every indicator arrives as it was, name and values. */
const MOVES = /^将「|^移到|^按设置的口径移到/;
/** Fixes that delete an empty block or a repeated 三级: the words of a repetition stay in the first one. */
const DELETES = /^删除/;

interface Checked {
    text: string;
    document: LangiumDocument<Document>;
    diagnostics: Diagnostic[];
}

async function check(text: string): Promise<Checked> {
    const { document, diagnostics } = await parseAndValidate(jxmb(), text);
    return { text, document, diagnostics };
}

/** The code actions an editor gets for one diagnostic: its range, and it alone as the context. */
async function actionsFor(checked: Checked, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const params = { textDocument: { uri: checked.document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] } };
    return await jxmb().lsp.CodeActionProvider!.getCodeActions(checked.document, params) as CodeAction[];
}

function editsOf(action: CodeAction): TextEdit[] {
    const change = action.edit?.documentChanges?.[0];
    return change && 'edits' in change ? change.edits as TextEdit[] : [];
}

const finding = (d: Diagnostic) => `${String(d.code)} ${d.message}`;
const where = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${finding(d)}`;
/** A fix as the user sees it, apart from where it stands: its title and what it writes. */
const fixKey = (action: CodeAction) => `${action.title} ⟨${editsOf(action).map(e => e.newText).join('⟩⟨')}⟩`;

// ─── the workspace edit ──────────────────────────────────────────────────────────────────────────────────────────

/** Problems with a workspace edit as an editor would refuse or misapply it. */
function malformed(checked: Checked, action: CodeAction): string[] {
    const problems: string[] = [];
    const changes = action.edit?.documentChanges ?? [];
    const textDocument = checked.document.textDocument;
    if (action.edit?.changes) problems.push('edit.changes used besides documentChanges');
    if (changes.length !== 1) problems.push(`${changes.length} document changes`);
    for (const change of changes) {
        if (!('edits' in change)) { problems.push('a resource operation'); continue; }
        if (change.textDocument.uri !== textDocument.uri) problems.push(`edits for ${change.textDocument.uri}`);
        if (change.textDocument.version !== textDocument.version) problems.push(`edits for version ${String(change.textDocument.version)}`);
    }
    const text = checked.text;
    const lines = text.split(/\r\n|\r|\n/);
    const offsets: Array<[number, number]> = [];
    for (const edit of editsOf(action)) {
        if (typeof edit.newText !== 'string') problems.push('an edit without newText');
        for (const p of [edit.range.start, edit.range.end]) {
            const line = lines[p.line];
            if (line === undefined || p.character < 0 || p.character > line.length) {
                problems.push(`position ${p.line + 1}:${p.character + 1} outside the text`);
                continue;
            }
            const offset = textDocument.offsetAt(p);
            if (/[\ud800-\udbff]/.test(text[offset - 1] ?? '') && /[\udc00-\udfff]/.test(text[offset] ?? '')) {
                problems.push(`position ${p.line + 1}:${p.character + 1} splits a surrogate pair`);
            }
        }
        const [start, end] = [textDocument.offsetAt(edit.range.start), textDocument.offsetAt(edit.range.end)];
        if (end < start) problems.push(`edit ends before it starts at ${edit.range.start.line + 1}:${edit.range.start.character + 1}`);
        offsets.push([start, end]);
    }
    offsets.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 1; i < offsets.length; i++) if (offsets[i - 1]![1] > offsets[i]![0]) problems.push('overlapping edits');
    return problems;
}

// ─── the text after the fix ──────────────────────────────────────────────────────────────────────────────────────

interface Token { kind: 'string' | 'comment'; text: string; start: number; end: number }

/** The strings and comments of a text, as the lexer reads them. */
function tokensOf(text: string): Token[] {
    const result = jxmb().parser.Lexer.tokenize(text);
    return [...result.tokens, ...result.hidden].flatMap((t): Token[] => {
        const name = t.tokenType.name;
        const kind = name === 'STRING' ? 'string' : name.endsWith('COMMENT') ? 'comment' : undefined;
        return kind ? [{ kind, text: t.image, start: t.startOffset, end: t.startOffset + t.image.length }] : [];
    });
}

/** What `a` holds that `b` does not, as multisets. */
function missing(a: string[], b: string[]): string[] {
    const counts = new Map<string, number>();
    for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
    return a.filter(x => {
        const n = counts.get(x) ?? 0;
        counts.set(x, n - 1);
        return n <= 0;
    });
}

function indicators(document: LangiumDocument<Document>): Indicator[] {
    return AstUtils.streamAst(document.parseResult.value).filter(isIndicator).toArray();
}

/** A 三级 as the table shows it: its name and its values. */
function indicatorKey(indicator: Indicator): string {
    const value = (v: Indicator['value']) => v ? valueOf(v).text : '';
    return `「${indicator.name}」${value(indicator.value)}|${value(indicator.period)}|${value(indicator.annual)}`;
}

/**
 * Problems in the text after applying `action` for `diagnostic`: a syntax error the fix made; a comment, or a string
 * outside the edits, that is gone; a 三级 name gone though the fix does not rename or delete; a 三级 changed that
 * no edit touches, or changed at all by a fix that only moves; and the same fix offered again for the same finding.
 */
async function damage(before: Checked, diagnostic: Diagnostic, action: CodeAction): Promise<string[]> {
    const problems: string[] = [];
    const edits = editsOf(action);
    const after = await check(TextDocument.applyEdits(TextDocument.create('memory://x.jxmb', 'jxmb', 1, before.text), edits));
    const ranges = edits.map(e => [before.document.textDocument.offsetAt(e.range.start), before.document.textDocument.offsetAt(e.range.end)] as const);
    // An insertion at a string's edge leaves the string as it was; at a 三级's edge it adds to the 三级.
    const touched = (start: number, end: number, edges = false) =>
        ranges.some(([s, e]) => s < end && start < e || (s === e && (edges ? start <= s && s <= end : start < s && s < end)));

    const syntaxBefore = before.diagnostics.filter(d => SYNTAX.has(String(d.code)));
    const syntaxAfter = after.diagnostics.filter(d => SYNTAX.has(String(d.code)));
    // Also in a file that has syntax errors, and for a repair of one: no fix adds a syntax error (in such a file the
    // code-action provider parses the text of a fix that could, lsp/fix-syntax.ts).
    if (syntaxAfter.length > syntaxBefore.length) {
        problems.push(`syntax errors after the fix: ${syntaxAfter.map(where).join('; ')}`);
    }

    // Comments and strings are compared as text, not as tokens: in a file with an unterminated string the lexer's
    // recovery makes the tokens after it depend on text far before.
    const tokensBefore = tokensOf(before.text);
    const tokensAfter = tokensOf(after.text);
    const occurrences = (text: string, piece: string) => text.split(piece).length - 1;
    const vanished = (kind: Token['kind']) => {
        const counts = new Map<string, number>();
        for (const t of tokensBefore.filter(t => t.kind === kind)) counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
        return [...counts].filter(([piece, n]) => occurrences(after.text, piece) < n).map(([piece]) => piece);
    };
    if (!/删去不可见字符/.test(action.title)) {
        const lost = vanished('comment');
        if (lost.length) problems.push(`comments lost: ${lost.join(' ')}`);
    }
    // A fix that deletes or moves blocks and 三级 rewrites no words: every string stays somewhere in the text.
    // A repetition's name may differ from the first one's in what the comparison ignores (（%）, widths, blanks).
    if (MOVES.test(action.title) || DELETES.test(action.title)) {
        const names = new Set(indicators(after.document).map(i => comparableName(i.name)));
        const kept = (t: Token) => after.text.includes(t.text) || /^删除重复/.test(action.title) && names.has(comparableName(unquote(t.text)));
        const gone = [...new Set(tokensBefore.filter(t => t.kind === 'string' && !kept(t)).map(t => t.text))];
        if (gone.length) problems.push(`strings deleted by a fix that only deletes or moves: ${gone.join(' ')}`);
    }
    // The strings no edit touches still read as strings: also after an unclosed 「/*」, where a 「*/」 a fix wrote
    // below it, even inside a string, would end it (lsp/fix-syntax.ts offers no such fix).
    const untouched = tokensBefore.filter(t => t.kind === 'string' && !touched(t.start, t.end)).map(t => t.text);
    const strings = missing(untouched, tokensAfter.filter(t => t.kind === 'string').map(t => t.text));
    if (strings.length) problems.push(`strings outside the edits lost: ${strings.join(' ')}`);

    // The tree of a file with syntax errors is the parser's best guess, and a fix that changes a few characters can
    // change the guess everywhere after them: the 三级 are compared only where the file parsed before the fix, and
    // not after a repair of how it reads.
    if (syntaxBefore.length === 0 && !REPAIRS.has(String(diagnostic.code))) {
        const indicatorsBefore = indicators(before.document);
        const indicatorsAfter = indicators(after.document);
        if (!RENAMES.test(action.title)) {
            const names = missing(indicatorsBefore.map(i => comparableName(i.name)), indicatorsAfter.map(i => comparableName(i.name)));
            if (names.length) problems.push(`三级 names gone: ${names.join('、')}`);
        }
        const keysAfter = indicatorsAfter.map(indicatorKey);
        const move = MOVES.test(action.title);
        const changed = indicatorsBefore.filter(i => move || !touched(i.$cstNode!.offset, i.$cstNode!.end, true));
        const lostKeys = missing(changed.map(indicatorKey), keysAfter);
        if (lostKeys.length) problems.push(`三级 ${move ? 'moved' : 'no edit touches'} changed: ${lostKeys.join(' ')}`);
    }

    // Only where the file parsed after the fix: on a broken file the checks that run differ.
    if (syntaxAfter.length === 0) {
        const key = `${finding(diagnostic)} → ${fixKey(action)}`;
        const count = async (c: Checked) => {
            let n = 0;
            for (const d of c.diagnostics.filter(x => finding(x) === finding(diagnostic))) {
                n += (await actionsFor(c, d)).filter(a => `${finding(d)} → ${fixKey(a)}` === key).length;
            }
            return n;
        };
        if (await count(after) >= await count(before)) problems.push('the same fix is offered again for the same finding');
    }
    const shown = edits.map(e => `${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.line + 1}:${e.range.end.character + 1} ⟨${e.newText}⟩`).join(' ');
    return problems.map(p => `${where(diagnostic)} ⇒ 「${action.title}」 ${shown}: ${p}`);
}

export interface FixReport {
    /** Fixes offered and applied. */
    applied: number;
    problems: string[];
}

/**
 * Asks for the code actions of every diagnostic of `text` and checks each (or those `choose` keeps: the property
 * tests apply a few per text, the sample test all).
 */
export async function checkFixes(text: string, choose: (actions: number) => number[] = n => [...Array(n).keys()]): Promise<FixReport> {
    const before = await check(text);
    const problems: string[] = [];
    const offered: Array<[Diagnostic, CodeAction]> = [];
    for (const diagnostic of before.diagnostics) {
        try {
            for (const action of await actionsFor(before, diagnostic)) offered.push([diagnostic, action]);
        } catch (error) {
            problems.push(`${where(diagnostic)}: the code-action request threw ${error instanceof Error ? error.stack : String(error)}`);
        }
    }
    const picked = choose(offered.length);
    for (const i of picked) {
        const [diagnostic, action] = offered[i]!;
        const bad = malformed(before, action);
        if (bad.length) { problems.push(...bad.map(p => `${where(diagnostic)} ⇒ 「${action.title}」: ${p}`)); continue; }
        problems.push(...await damage(before, diagnostic, action));
    }
    return { applied: picked.length, problems };
}
