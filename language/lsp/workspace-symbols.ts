import type { LangiumDocument } from 'langium';
import type { LangiumServices, LangiumSharedServices, WorkspaceSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';

// 「转到工作区中的符号」 (Ctrl+T): the names of the outline (document-symbols.ts) of every .jxmb of the workspace —
// declarations, 单位, 项目, 任务 and 三级 names — whose text holds the query. jxmb's index holds no symbols (nothing
// refers to anything by name, scoping.ts), so Langium's default provider found none; the outline is built from the
// parsed tree the workspace keeps anyway. Amount cells and the 一级/二级 category names stand in every table and are
// left out: they would bury the names a user looks for.

const NAMED: ReadonlySet<SymbolKind> = new Set([SymbolKind.Module, SymbolKind.Object, SymbolKind.Class, SymbolKind.Event, SymbolKind.Property]);

/** Enough for any query a person types; an empty query over a large workspace stops here. */
export const MAX_WORKSPACE_SYMBOLS = 1000;

export class JxmbWorkspaceSymbolProvider implements WorkspaceSymbolProvider {
    constructor(private readonly shared: LangiumSharedServices) {}

    async getSymbols(params: WorkspaceSymbolParams): Promise<WorkspaceSymbol[]> {
        const query = params.query.replace(/\s+/g, '').toLowerCase();
        const found: WorkspaceSymbol[] = [];
        for (const document of this.shared.workspace.LangiumDocuments.all) {
            const outline = await this.outlineOf(document);
            collect(outline, document.uri.toString(), undefined, query, found);
            if (found.length >= MAX_WORKSPACE_SYMBOLS) break;
        }
        return found.slice(0, MAX_WORKSPACE_SYMBOLS);
    }

    private async outlineOf(document: LangiumDocument): Promise<DocumentSymbol[]> {
        const provider = (this.shared.ServiceRegistry.getServices(document.uri) as LangiumServices).lsp.DocumentSymbolProvider;
        return (await provider?.getSymbols(document, { textDocument: { uri: document.uri.toString() } })) ?? [];
    }
}

function collect(symbols: readonly DocumentSymbol[], uri: string, container: string | undefined, query: string, found: WorkspaceSymbol[]): void {
    for (const s of symbols) {
        if (found.length >= MAX_WORKSPACE_SYMBOLS) return;
        if (NAMED.has(s.kind) && s.name.toLowerCase().includes(query)) {
            found.push({ name: s.name, kind: s.kind, location: { uri, range: s.selectionRange }, ...container ? { containerName: container } : {} });
        }
        collect(s.children ?? [], uri, NAMED.has(s.kind) ? s.name : container, query, found);
    }
}
