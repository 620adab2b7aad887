import { inject, type DeepPartial, type Module } from 'langium';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import {
    createDefaultModule, createDefaultSharedModule, NormalizedTextDocuments, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { JxmbDocumentBuilder } from './document-builder.js';
import { JxmbDocumentFactory } from './document-factory.js';
import { JxmbDocumentValidator } from './document-validator.js';
import { JxmbGeneratedModule, JxmbGeneratedSharedModule } from './generated/module.js';
import { parseWellFormedDirectly } from './parse/direct-parser.js';
import { JxmbLexer, JxmbTokenBuilder } from './parse/lexer.js';
import { boundedParsers } from './parse/recovery-depth.js';
import { JxmbLexerErrorMessageProvider, JxmbParserErrorMessageProvider } from './syntax-messages.js';
import { JxmbCodeActionProvider } from './lsp/code-actions.js';
import { batchTextDocument } from './lsp/content-changes.js';
import { JxmbCompletionProvider } from './lsp/completion-provider.js';
import { JxmbDocumentSymbolProvider } from './lsp/document-symbols.js';
import { JxmbWorkspaceSymbolProvider } from './lsp/workspace-symbols.js';
import { JxmbDocumentUpdateHandler } from './lsp/document-update-handler.js';
import { publishWithVersion } from './lsp/diagnostics-version.js';
import { JxmbFoldingRangeProvider } from './lsp/folding.js';
import { JxmbFormatter } from './lsp/formatter.js';
import { JxmbHoverProvider } from './lsp/hover-provider.js';
import { JxmbLanguageServer } from './lsp/language-server.js';
import { registerSettingsSources } from './lsp/settings-sources.js';
import { registerSummaryRequest } from './lsp/summary-request.js';
import { registerEditorRequests } from './lsp/editor-request.js';
import { JxmbLinker, JxmbReferenceDescriptionProvider, JxmbScopeComputation } from './scoping.js';
import { JxmbSettingsProvider } from './settings.js';
import { registerValidationChecks } from './validation/index.js';
import { JxmbValidationRegistry } from './validation/registry.js';
import { JxmbValueConverter } from './value-converter.js';
import { JxmbWorkspaceManager } from './workspace-manager.js';

/** A service the language does not offer: Langium then announces no such capability. */
const none = <T>(): T => undefined as T;

export interface JxmbAddedServices {
    jxmb: {
        Settings: JxmbSettingsProvider;
    };
    validation: {
        ValidationRegistry: JxmbValidationRegistry;
    };
}

export type JxmbServices = LangiumServices & JxmbAddedServices;

export const JxmbModule: Module<JxmbServices, PartialLangiumServices & JxmbAddedServices> = {
    jxmb: {
        Settings: services => new JxmbSettingsProvider(services.shared)
    },
    parser: {
        // Well-formed text by the direct walk (parse/direct-parser.ts), the rest by Langium's parser, bounded.
        LangiumParser: services => parseWellFormedDirectly(boundedParsers.LangiumParser(services), services),
        CompletionParser: boundedParsers.CompletionParser,
        // A run of characters no token starts with is lexed in one search (parse/lexer.ts).
        TokenBuilder: () => new JxmbTokenBuilder(),
        Lexer: services => new JxmbLexer(services),
        ValueConverter: () => new JxmbValueConverter(),
        ParserErrorMessageProvider: () => new JxmbParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new JxmbLexerErrorMessageProvider()
    },
    lsp: {
        CodeActionProvider: services => new JxmbCodeActionProvider(services.parser.LangiumParser, services.parser.Lexer),
        CompletionProvider: services => new JxmbCompletionProvider(services),
        HoverProvider: services => new JxmbHoverProvider(services),
        // A notification, not showWarningMessage's request: there is nothing to answer, and no client waits on it.
        Formatter: services => new JxmbFormatter(message =>
            void services.shared.lsp.Connection?.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message })),
        DocumentSymbolProvider: services => new JxmbDocumentSymbolProvider(services),
        FoldingRangeProvider: services => new JxmbFoldingRangeProvider(services),
        // The language has no cross-references (scoping.ts): go-to-definition, references and highlights would find
        // nothing, and F2 on a quoted name replaced it with unquoted text (a syntax error).
        RenameProvider: none,
        ReferencesProvider: none,
        DefinitionProvider: none,
        DocumentHighlightProvider: none
    },
    references: {
        ScopeComputation: services => new JxmbScopeComputation(services),
        Linker: services => new JxmbLinker(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new JxmbReferenceDescriptionProvider(services)
    },
    validation: {
        DocumentValidator: services => new JxmbDocumentValidator(services),
        ValidationRegistry: services => new JxmbValidationRegistry(services)
    }
};

export const JxmbSharedModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    lsp: {
        LanguageServer: services => new JxmbLanguageServer(services),
        DocumentUpdateHandler: services => new JxmbDocumentUpdateHandler(services),
        WorkspaceSymbolProvider: services => new JxmbWorkspaceSymbolProvider(services)
    },
    workspace: {
        TextDocuments: () => new NormalizedTextDocuments(batchTextDocument),
        DocumentBuilder: services => new JxmbDocumentBuilder(services),
        LangiumDocumentFactory: services => new JxmbDocumentFactory(services),
        WorkspaceManager: services => new JxmbWorkspaceManager(services, services.lsp.Connection)
    }
};

export function createJxmbServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Jxmb: JxmbServices } {
    const shared = inject(createDefaultSharedModule(context), JxmbGeneratedSharedModule, JxmbSharedModule);
    const Jxmb = inject(createDefaultModule({ shared }), JxmbGeneratedModule, JxmbModule);
    shared.ServiceRegistry.register(Jxmb);
    registerValidationChecks(Jxmb);
    if (context.connection) {
        publishWithVersion(context.connection, shared);
        registerSummaryRequest(context.connection, shared);
        registerEditorRequests(context.connection, shared, Jxmb);
        registerSettingsSources(context.connection, shared, Jxmb.jxmb.Settings);
        // Snippet edits (the number to fill in selected) only where the client says it takes them.
        shared.lsp.LanguageServer.onInitialize(params => {
            (Jxmb.lsp.CodeActionProvider as JxmbCodeActionProvider).snippets =
                params.capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
        });
    } else {
        // Outside a language server nobody sends `initialized`; the configuration provider would wait forever.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Jxmb };
}
