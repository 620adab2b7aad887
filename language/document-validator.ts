import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import {
    AstUtils, Cancellation, DefaultDocumentValidator, interruptAndCheck, OperationCancelled,
    type AstNode, type LangiumDocument, type MaybePromise, type URI, type ParseResult, type ValidationAcceptor, type ValidationCheck, type ValidationOptions
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isProject, type Document, type Project } from './generated/ast.js';
import { containerOf, walkAst } from './ast-walk.js';
import { openedNotUtf8Message } from './cli/source-files.js';
import { hasInvisible, markInvisible } from './domain/invisible-chars.js';
import { JxmbDocumentFactory } from './document-factory.js';
import { JxmbFileSystemProvider } from './file-system.js';
import { doubtfulScopes } from './parse/dropped-text.js';
import { revisionOf } from './parse/revisions.js';
import { lexingErrorAdvice, parserErrorAdvice, withHint, type SyntaxAdvice } from './syntax-hints.js';
import { findingsOnCutShortValues } from './value-cut-short.js';
import { capSyntaxFindings, isSyntaxFinding, MAX_SYNTAX_FINDINGS } from './syntax-messages.js';
import { Code } from './validation/codes.js';
import { keepFindings, keptFindings } from './validation/project-findings.js';
import { ValueCode } from './validation/values.js';
import { BudgetCode } from './validation/budget.js';
import { HierarchyCode } from './validation/hierarchy.js';
import { TextConsistencyCode } from './validation/text-consistency.js';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { JxmbServices } from './jxmb-module.js';
import type { CheckLists } from './validation/registry.js';
import type { SeverityOverride } from './settings.js';

/** Findings a syntax error on the same line explains: a value the parser could not read counts as missing. */
const EXPLAINED_BY_SYNTAX = new Set<string>([ValueCode.missing, ValueCode.missingAnnual, ValueCode.missingPeriod]);

/**
 * Findings about what a table lacks or how its parts add up. Where the parser's recovery dropped text (parse/
 * dropped-text.ts) they would speak of the blocks it dropped — 「没有效益指标」 above an intact 效益指标 block — and
 * their quick-fixes would insert into a broken block; the syntax error comes first.
 */
const DOUBTFUL_AFTER_DROPPED_TEXT = new Set<string>([
    Code.missingIndicators,
    HierarchyCode.missingOutput, HierarchyCode.missingBenefit, HierarchyCode.missingSatisfaction, HierarchyCode.missingCost,
    HierarchyCode.missingQuantity, HierarchyCode.missingQualityOrTimeliness, HierarchyCode.emptyLevel1, HierarchyCode.emptyLevel2,
    BudgetCode.missingAmount, BudgetCode.missingProjectGoal, BudgetCode.missingProjectIndicators, BudgetCode.rollupMismatch,
    BudgetCode.rowTotalMismatch, BudgetCode.spendingSourceMismatch, BudgetCode.sourceLevelMismatch, BudgetCode.developmentOutsideProjects,
    TextConsistencyCode.unmeasuredPromise, TextConsistencyCode.unmeasuredTask, TextConsistencyCode.unmeasuredGoal
]);

const severityValues: Record<Exclude<SeverityOverride, 'off'>, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint
};

// Each project's findings are kept with its node and reused while the node stands (validation/project-findings.ts).
// Two things every diagnostic goes through after the checks ran:
// - Langium puts the code of syntax errors only in `data`; every jxmb diagnostic shows a stable code.
// - The user's severity overrides (per code, `off` silences one) apply here, once, for every check alike.
export class JxmbDocumentValidator extends DefaultDocumentValidator {
    private readonly jxmbServices: JxmbServices;
    /** Nodes checked since the event loop last had a turn. */
    private sinceInterrupt = 0;

    constructor(services: JxmbServices) {
        super(services);
        this.jxmbServices = services;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        // Settings first: they may come from the client, and while we wait the document may be rebuilt. A run
        // that was cancelled meanwhile must not return, or the builder adds its findings to the next run's (each
        // finding shown twice in VS Code's counts).
        const settings = await this.jxmbServices.jxmb.Settings.forDocument(document.uri);
        if (cancelToken?.isCancellationRequested) throw OperationCancelled;
        this.jxmbServices.jxmb.Settings.startValidation(document, settings);
        const { severity } = settings;
        const unreadable = this.whyUnreadable(document);
        const diagnostics = unreadable ? [unreadable] : await super.validateDocument(document, options, cancelToken);
        if (cancelToken?.isCancellationRequested) throw OperationCancelled;
        const result: Diagnostic[] = [];
        const syntaxLines = new Set(diagnostics.filter(isSyntaxFinding).map(d => d.range.start.line));
        const doubtful = syntaxLines.size > 0 ? doubtfulScopes(document.parseResult.value as Document) : [];
        const { textDocument } = document;
        const cutShort = syntaxLines.size > 0 ? findingsOnCutShortValues(diagnostics, textDocument) : undefined;
        for (const diagnostic of diagnostics) {
            diagnostic.code ??= (diagnostic.data as { code?: string } | undefined)?.code;
            // `"名称" ≥45场次`: the value is there, the parser could not take it; the syntax error says what to do.
            if (EXPLAINED_BY_SYNTAX.has(String(diagnostic.code)) && syntaxLines.has(diagnostic.range.start.line)) continue;
            if (cutShort?.has(diagnostic)) continue;
            if (doubtful.length > 0 && DOUBTFUL_AFTER_DROPPED_TEXT.has(String(diagnostic.code))) {
                const offset = textDocument.offsetAt(diagnostic.range.start);
                if (doubtful.some(([start, end]) => start <= offset && offset <= end)) continue;
            }
            // A name quoted in a message may hold a character nobody sees; a direction override would turn the rest
            // of the line around in the Problems panel and the terminal. Shown as 〈U+202E〉 (domain/invisible-chars.ts).
            if (typeof diagnostic.message === 'string' && hasInvisible(diagnostic.message)) diagnostic.message = markInvisible(diagnostic.message);
            // Neither jxmb.yaml nor VS Code settings can name a syntax error (settings.ts, severityEntryProblem).
            const override = severity[String(diagnostic.code)];
            if (override === 'off') continue;
            if (override) diagnostic.severity = severityValues[override];
            result.push(diagnostic);
        }
        return capSyntaxFindings(result);
    }

    /** Langium's findings for the lexer's errors, with advice where the text says what was meant (syntax-hints.ts). */
    override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const from = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        const { textDocument } = AstUtils.getDocument(parseResult.value);
        const text = textDocument.getText();
        for (const diagnostic of diagnostics.slice(from)) {
            advise(diagnostic, lexingErrorAdvice(text, textDocument.offsetAt(diagnostic.range.start)), textDocument);
        }
    }

    /** Langium's findings for the parser's errors, each with what its line most likely lacks (syntax-hints.ts). */
    override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const from = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
        const { textDocument } = AstUtils.getDocument(parseResult.value);
        const text = textDocument.getText();
        const lastLine = lastShownLine(diagnostics.slice(from));
        // Langium places a finding at its token (line and column from 1); by that place it gets its advice.
        const advice = new Map<string, SyntaxAdvice>();
        const advisedLines = new Set<number>();
        for (const { token, context } of parseResult.parserErrors) {
            if (!Number.isInteger(token.startOffset) || !Number.isInteger(token.startLine) || !Number.isInteger(token.startColumn)) continue;
            if (token.startLine! - 1 > lastLine) continue;
            const place = `${token.startLine! - 1}:${token.startColumn! - 1}`;
            if (advice.has(place)) continue;
            const found = parserErrorAdvice(text, token, context?.ruleStack?.at(-1));
            // Advice about the whole line (cells pasted from a table) once, on its first error: not on each cell.
            if (found.ofLine && advisedLines.has(token.startLine!)) continue;
            if (found.ofLine) advisedLines.add(token.startLine!);
            advice.set(place, found);
        }
        for (const diagnostic of diagnostics.slice(from)) {
            const found = advice.get(`${diagnostic.range.start.line}:${diagnostic.range.start.character}`);
            if (found) advise(diagnostic, found, textDocument);
        }
    }

    /** A text not read (file-system.ts), not parsed (document-factory.ts) or not decoded by the editor: its one finding, the reason. */
    private whyUnreadable(document: LangiumDocument): Diagnostic | undefined {
        const { FileSystemProvider: files, LangiumDocumentFactory: factory, TextDocuments: editor } = this.jxmbServices.shared.workspace;
        const notParsed = factory instanceof JxmbDocumentFactory ? factory.whyNotParsed(document.uri) : undefined;
        if (notParsed !== undefined) return unreadableFinding(notParsed);
        // A document open in the editor has the editor's text, whatever the file on disk holds.
        if (editor?.get(document.uri)) return notDecoded(document);
        const message = files instanceof JxmbFileSystemProvider ? files.whyUnreadable(document.uri) : undefined;
        return message === undefined ? undefined : unreadableFinding(message);
    }

    protected override async validateAst(root: AstNode, options: ValidationOptions, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        const diagnostics: Diagnostic[] = [];
        const accept = this.acceptorInto(diagnostics);
        const document = AstUtils.getDocument(root);
        const settings = this.jxmbServices.jxmb.Settings.inValidation(document) ?? await this.jxmbServices.jxmb.Settings.forDocument(document.uri);
        const context = JSON.stringify([settings, options.categories ?? null]);
        await this.validateAstBefore(root, options, accept, cancelToken);
        const lists = this.jxmbServices.validation.ValidationRegistry.checkLists(options.categories);
        for (const node of outsideProjects(root)) {
            if (isProject(node)) {
                diagnostics.push(...await this.validateProject(node, context, lists, cancelToken));
                continue;
            }
            const pending = this.validateNode(node, lists.of(node.$type, false), accept, cancelToken);
            if (pending) await pending;
        }
        await this.validateAstAfter(root, options, accept, cancelToken);
        return diagnostics;
    }

    private async validateProject(project: Project, settings: string, lists: CheckLists, cancelToken: CancellationToken): Promise<Diagnostic[]> {
        const year = containerOf(project, 'ProjectDeclaration')?.year;
        // A project kept by the incremental parse may have a replaced block inside: its revision says so.
        const context = `${settings}|${year ?? ''}|${revisionOf(project)}`;
        const origin = project.$cstNode?.range.start;
        const kept = origin && keptFindings(project, context, origin);
        if (kept) return kept;
        const diagnostics: Diagnostic[] = [];
        const accept = this.acceptorInto(diagnostics);
        const secret = project.secret === true;
        for (const node of subtree(project)) {
            const pending = this.validateNode(node, lists.of(node.$type, secret), accept, cancelToken);
            if (pending) await pending;
        }
        if (origin) keepFindings(project, context, origin, diagnostics);
        return diagnostics;
    }

    /**
     * The node's checks, called directly (validation/registry.ts); only a check that returns a promise is awaited.
     * Every 64 nodes the event loop may take an incoming edit, which cancels this run.
     */
    private validateNode(node: AstNode, checks: readonly ValidationCheck[], accept: ValidationAcceptor, cancelToken: CancellationToken): MaybePromise<void> {
        if (++this.sinceInterrupt >= 64) {
            this.sinceInterrupt = 0;
            return interruptAndCheck(cancelToken).then(() => runChecks(checks, node, accept, cancelToken, 0));
        }
        if (cancelToken.isCancellationRequested) throw OperationCancelled;
        return runChecks(checks, node, accept, cancelToken, 0);
    }

    private acceptorInto(diagnostics: Diagnostic[]): ValidationAcceptor {
        return (severity, message, info) => {
            diagnostics.push(this.toDiagnostic(severity, message, info));
        };
    }
}

function runChecks(checks: readonly ValidationCheck[], node: AstNode, accept: ValidationAcceptor, cancelToken: CancellationToken, from: number): MaybePromise<void> {
    for (let i = from; i < checks.length; i++) {
        const pending = checks[i]!(node, accept, cancelToken);
        if (pending) return pending.then(() => runChecks(checks, node, accept, cancelToken, i + 1));
    }
    return undefined;
}

/** The nodes of a subtree, root first (ast-walk.ts). */
function subtree(root: AstNode): AstNode[] {
    const nodes: AstNode[] = [];
    walkAst(root, node => void nodes.push(node));
    return nodes;
}

/** The nodes outside 项目 blocks, and each 项目 node in its place (its content is validated apart). */
function outsideProjects(root: AstNode): AstNode[] {
    const nodes: AstNode[] = [];
    walkAst(root, node => nodes.push(node) > 0 && !isProject(node));
    return nodes;
}

/**
 * The last line on which a syntax finding among `diagnostics` (the parser's) may be shown: capSyntaxFindings keeps the
 * first MAX_SYNTAX_FINDINGS by place, so advice beyond that line would be thrown away (10,000 rows of unquoted text
 * values: ≈ 0.3 s of it). Whole lines, so that the advice of every line shown is found as before.
 */
function lastShownLine(diagnostics: Diagnostic[]): number {
    if (diagnostics.length <= MAX_SYNTAX_FINDINGS) return Infinity;
    const starts = diagnostics.map(d => d.range.start).sort((a, b) => a.line - b.line || a.character - b.character);
    return starts[MAX_SYNTAX_FINDINGS - 1]!.line;
}

/** The advice's hint in the message, its repair (if any) in the data, where lsp/fixes/syntax.ts finds it. */
function advise(diagnostic: Diagnostic, { hint, repair }: SyntaxAdvice, textDocument: TextDocument): void {
    if (typeof diagnostic.message === 'string') diagnostic.message = withHint(diagnostic.message, hint);
    if (!repair) return;
    const range = { start: textDocument.positionAt(repair.offset), end: textDocument.positionAt(repair.offset + repair.length) };
    diagnostic.data = { ...diagnostic.data as object, repair: { title: repair.title, range, newText: repair.newText } };
}

function unreadableFinding(message: string, range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }): Diagnostic {
    return { range, severity: DiagnosticSeverity.Error, code: Code.unreadableFile, source: 'jxmb', message };
}

/**
 * A file the editor decoded with replacement characters (U+FFFD): VS Code's sign that its bytes are not in the encoding
 * it chose (a GBK file opened as UTF-8). One finding at the first, not a syntax error for every garbled word. An
 * untitled text holding one (pasted) is checked as it is: there is no file to reopen.
 */
function notDecoded(document: LangiumDocument): Diagnostic | undefined {
    if (document.uri.scheme === 'untitled') return undefined;
    const { textDocument } = document;
    const at = textDocument.getText().indexOf('\uFFFD');
    if (at < 0 || savedAsUtf8(document.uri)) return undefined;
    return unreadableFinding(openedNotUtf8Message, { start: textDocument.positionAt(at), end: textDocument.positionAt(at + 1) });
}

/** The file on disk is UTF-8: its 「�」 are what the user wrote (or pasted), not bytes the editor could not read. */
function savedAsUtf8(uri: URI): boolean {
    if (uri.scheme !== 'file') return false;
    try {
        return isUtf8(readFileSync(uri.fsPath));
    } catch {
        return false;
    }
}
