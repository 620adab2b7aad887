import { CstUtils, DocumentState, GrammarUtils, OperationCancelled, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { CancellationToken, Hover, HoverParams, Position, Range } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isIndicator, isLevel1Group, isLevel2Block, isValue } from '../generated/ast.js';
import type { JxmbServices } from '../jxmb-module.js';
import type { JxmbSettingsProvider } from '../settings.js';
import { ruleDocOf } from '../validation/rule-docs.js';
import { categoryHover, indicatorHover, level1Category, level2Category } from './hover-categories.js';
import { md } from './hover-markdown.js';
import { valueHover } from './hover-values.js';

// 悬停: the official meaning of a 一级/二级 keyword, the path of a 三级 name, the reading of a value, and the rule
// behind every diagnostic at the place. Broken text never throws: a hover that cannot be built is no hover.

interface Part {
    markdown: string;
    range?: Range;
}

export class JxmbHoverProvider implements HoverProvider {
    private readonly settings: JxmbSettingsProvider;
    private readonly services: JxmbServices;

    constructor(services: JxmbServices) {
        this.services = services;
        this.settings = services.jxmb.Settings;
    }

    async getHoverContent(document: LangiumDocument, params: HoverParams, cancelToken?: CancellationToken): Promise<Hover | undefined> {
        // (cancelled while it waited: the pointer has moved on)
        if (cancelToken?.isCancellationRequested) throw OperationCancelled;
        try {
            const element = await this.elementPart(document, params.position);
            const rules = await this.rulesPart(document, params.position, cancelToken);
            const parts = [element, rules].filter((p): p is Part => !!p);
            if (parts.length === 0) return undefined;
            return {
                contents: { kind: 'markdown', value: parts.map(p => p.markdown).join('\n\n---\n\n') },
                range: parts[0]!.range
            };
        } catch {
            return undefined;
        }
    }

    /** What the hovered token is: a category keyword, a 三级 name or a value. */
    private async elementPart(document: LangiumDocument, position: Position): Promise<Part | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf || leaf.hidden) return undefined;
        const node = leaf.astNode;
        if (isLevel1Group(node) || isLevel2Block(node)) {
            const keyword = propertyNodeAt(node, 'category', offset);
            const category = isLevel1Group(node) ? level1Category(node.category) : level2Category(node.category);
            if (!keyword || !category) return undefined;
            const { costModel } = await this.settings.forDocument(document.uri);
            return { markdown: categoryHover(category, costModel), range: keyword.range };
        }
        if (isIndicator(node)) {
            const name = propertyNodeAt(node, 'name', offset);
            return name ? { markdown: indicatorHover(node), range: name.range } : undefined;
        }
        if (isValue(node) && isIndicator(node.$container) && node.$cstNode) {
            return { markdown: valueHover(node), range: node.$cstNode.range };
        }
        return undefined;
    }

    /** The rule behind each diagnostic at the position, once per code. */
    private async rulesPart(document: LangiumDocument, position: Position, cancelToken?: CancellationToken): Promise<Part | undefined> {
        const here = (await this.diagnosticsOf(document, cancelToken)).filter(d => contains(d.range, position));
        const seen = new Set<string>();
        const sections: string[] = [];
        for (const diagnostic of here) {
            const code = String(diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code ?? '');
            const doc = ruleDocOf(code);
            if (!doc || seen.has(code)) continue;
            seen.add(code);
            sections.push(`**检查规则 \`${code}\`：${md(doc.title)}**\n\n**检查**：${md(doc.checks)}**为何重要**：${md(doc.why)}**怎么改**：${md(doc.fix)}`);
        }
        return sections.length ? { markdown: sections.join('\n\n'), range: here[0]!.range } : undefined;
    }

    /** The document's diagnostics; while it is not validated yet (hover waits only for linking), a fresh run. */
    private async diagnosticsOf(document: LangiumDocument, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        if (document.state >= DocumentState.Validated && document.diagnostics) return document.diagnostics;
        try {
            return await this.services.validation.DocumentValidator.validateDocument(document, {}, cancelToken);
        } catch {
            return [];
        }
    }
}

/** The CST node of a node's property that contains the offset. */
function propertyNodeAt(node: AstNode, property: string, offset: number): CstNode | undefined {
    if (!node.$cstNode) return undefined;
    return GrammarUtils.findNodesForProperty(node.$cstNode, property).find(n => n.offset <= offset && offset < n.end);
}

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Inclusive at both ends: the character right after a finding still shows it, as in the editor. */
function contains(range: Range, position: Position): boolean {
    return before(range.start, position) && before(position, range.end);
}
