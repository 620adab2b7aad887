import { DefaultLanguageServer } from 'langium/lsp';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver';

// Langium says it knows workspace folders but not that it wants to hear when they change: VS Code then never told
// the server of a folder added to or removed from the workspace (workspace-manager.ts handles both).
export class JxmbLanguageServer extends DefaultLanguageServer {
    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        const workspace = result.capabilities.workspace ?? {};
        result.capabilities.workspace = { ...workspace, workspaceFolders: { ...workspace.workspaceFolders, supported: true, changeNotifications: true } };
        return result;
    }
}
