import { DefaultDocumentSymbolProvider } from 'langium/lsp';

// 大纲: declarations, tasks, units, projects, indicator blocks.
export class JxmbDocumentSymbolProvider extends DefaultDocumentSymbolProvider {}
