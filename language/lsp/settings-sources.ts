import { URI, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { basename } from 'node:path';
import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { CONFIG_FILE, ConfigError, ConfigResolver } from '../cli/config.js';
import { InputError } from '../cli/source-files.js';
import { CHECK_SETTINGS, readVscodeCostModel, readVscodeSeverity, type JxmbSettingsProvider } from '../settings.js';
import { Code } from '../validation/codes.js';
import type { JxmbWorkspaceManager } from '../workspace-manager.js';

// What changes the settings in the editor: VS Code's `jxmb` section, and a jxmb.yaml in the workspace (the nearest
// above a file, as `jxmb check` finds it). Either change re-checks every document. A jxmb.yaml that cannot be used
// gets its finding on itself, at its place; the documents below it then use VS Code's settings alone. VS Code's
// settings have no file of their own to carry a finding: an entry of jxmb.severity that cannot be used is told once
// as a message, and the other entries apply.
export function registerSettingsSources(connection: Connection, shared: LangiumSharedServices, settings: JxmbSettingsProvider): void {
    let configs = new ConfigResolver();
    /** jxmb.yaml files shown with a finding since the last change. */
    const shown = new Set<string>();

    settings.useLocal(async uri => {
        if (uri.scheme !== 'file') return undefined;
        try {
            return await configs.forFile(uri.fsPath);
        } catch (error) {
            if (!(error instanceof InputError)) throw error;
            show(error);
            return undefined;
        }
    });

    function show(error: InputError): void {
        const [path, line, column] = error instanceof ConfigError ? [error.path, error.line, error.column] : [error.file, 1, 1];
        const uri = URI.file(path).toString();
        if (shown.has(uri)) return;
        shown.add(uri);
        const start = { line: line - 1, character: column - 1 };
        void connection.sendDiagnostics({
            uri, diagnostics: [{ range: { start, end: start }, severity: DiagnosticSeverity.Error, code: Code.invalidConfig, source: 'jxmb', message: error.message }]
        });
    }

    function recheckAll(): void {
        // Through the workspace lock, as edits are: a later edit cancels this rebuild instead of racing it.
        void shared.workspace.WorkspaceLock.write(token => {
            const uris = shared.workspace.LangiumDocuments.all.map(document => document.uri).toArray();
            return shared.workspace.DocumentBuilder.update(uris, [], token);
        });
    }

    /** The unusable jxmb.severity entries last told: told again only when they change (not at every settings change). */
    let told = '';
    function tellUnusable(configuration: unknown): void {
        const section = configuration as { severity?: unknown; costModel?: unknown } | null | undefined;
        const { problems } = readVscodeSeverity(section?.severity);
        const costModel = readVscodeCostModel(section?.costModel).problem;
        if (costModel) problems.push(costModel);
        const message = problems.length > 0 ? `${problems.join(' ')} 以上设置未生效，其余设置照常使用。` : '';
        if (message && message !== told) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
        told = message;
    }

    // What of VS Code's settings the documents were checked with. The same settings announced again (VS Code's client
    // announces them at start, after the server has asked for them; a change of jxmb.llm.*) re-checked every file of
    // the folder: during the folder's load, each file checked so far was checked and published twice.
    const provider = shared.workspace.ConfigurationProvider;
    const checkedBy = (values: readonly unknown[]) => JSON.stringify(values.map(value => value ?? null));
    let checkedWith: string | undefined;
    void provider.ready.then(async () => {
        const values = await Promise.all(CHECK_SETTINGS.map(name => provider.getConfiguration('jxmb', name)));
        checkedWith ??= checkedBy(values);
    });

    provider.onConfigurationSectionUpdate(({ section, configuration }) => {
        if (section !== 'jxmb') return;
        tellUnusable(configuration);
        const settings = (configuration ?? {}) as Record<string, unknown>;
        const now = checkedBy(CHECK_SETTINGS.map(name => settings[name]));
        if (now === checkedWith) return;
        checkedWith = now;
        recheckAll();
    });
    // A folder's jxmb.yaml is watched only while the folder is in the workspace: what was read of it may be old when it
    // comes back. A removed folder's jxmb.yaml keeps no finding in the Problems panel.
    (shared.workspace.WorkspaceManager as JxmbWorkspaceManager).onFoldersChanged(({ removed }) => {
        configs = new ConfigResolver();
        for (const uri of [...shown].filter(uri => removed.some(folder => UriUtils.contains(folder, uri)))) {
            void connection.sendDiagnostics({ uri, diagnostics: [] });
            shown.delete(uri);
        }
    });
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(({ changes }) => {
        if (!changes.some(change => basename(URI.parse(change.uri).path) === CONFIG_FILE)) return;
        configs = new ConfigResolver();
        for (const uri of shown) void connection.sendDiagnostics({ uri, diagnostics: [] });
        shown.clear();
        recheckAll();
    });
}
