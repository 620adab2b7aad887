import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { JxmbServices } from '../jxmb-module.js';
import { registerCompileRequest } from './compile-request.js';
import { registerDraftRequests } from './draft-request.js';
import { registerImportRequest } from './import-request.js';
import { registerReviewRequest } from './review-request.js';

/** The requests the VS Code extension's commands send (protocol-request.ts): export, preview, import, drafting, review. */
export function registerEditorRequests(connection: Connection, shared: LangiumSharedServices, services: JxmbServices): void {
    registerCompileRequest(connection, shared);
    registerImportRequest(connection);
    registerReviewRequest(connection);
    registerDraftRequests(connection, shared, services);
}
