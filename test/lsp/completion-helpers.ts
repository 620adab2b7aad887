import { EmptyFileSystem, TextDocument, URI } from 'langium';
import type { CompletionItem, InitializeParams, TextEdit } from 'vscode-languageserver';
import { createJxmbServices, type JxmbServices } from '../../language/jxmb-module.js';

// Completion as the editor asks for it (a document, a position), and what the user then sees: the labels of the
// list, what VS Code still shows after filtering on the typed word, the text after accepting an item.

/** `|` marks the cursor. */
export function cursorIn(marked: string): { text: string; offset: number } {
    const offset = marked.indexOf('|');
    if (offset < 0) throw new Error('no | cursor in the text');
    return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
    return TextDocument.create('memory:///p.jxmb', 'jxmb', 1, text).positionAt(offset);
}

function editOf(item: CompletionItem): TextEdit {
    const edit = item.textEdit;
    if (!edit) throw new Error(`item ${item.label} has no textEdit`);
    return 'range' in edit ? edit : { range: edit.insert, newText: edit.newText };
}

/** The text after accepting `item`, snippet tab stops replaced by their placeholder text as the editor shows it. */
export function accept(text: string, item: CompletionItem): string {
    const edit = editOf(item);
    const newText = item.insertTextFormat === 2
        ? edit.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1')
        : edit.newText;
    return TextDocument.applyEdits(TextDocument.create('memory:///a.jxmb', 'jxmb', 1, text), [{ range: edit.range, newText }]);
}

/** The text the item's edit replaces up to the cursor: what VS Code filters on. */
export function wordOf(text: string, offset: number, item: CompletionItem): string {
    const doc = TextDocument.create('memory:///w.jxmb', 'jxmb', 1, text);
    return text.slice(doc.offsetAt(editOf(item).range.start), offset);
}

/**
 * Whether VS Code keeps the item after filtering on the typed word. VS Code never sees pinyin: it fuzzy-matches the
 * word against filterText (or the label), the first character at the start of a word of it, the others in order
 * after it. This is that rule, without VS Code's scoring.
 */
export function shownByVsCode(text: string, offset: number, item: CompletionItem): boolean {
    const word = wordOf(text, offset, item).toLowerCase();
    const filter = (item.filterText ?? item.label).toLowerCase();
    if (word === '') return true;
    for (let start = 0; start < filter.length; start++) {
        if (filter[start] !== word[0] || (start > 0 && filter[start - 1] !== ' ')) continue;
        let at = start + 1;
        let matched = 1;
        for (; at < filter.length && matched < word.length; at++) if (filter[at] === word[matched]) matched++;
        if (matched === word.length) return true;
    }
    return false;
}

export function labels(items: readonly CompletionItem[]): string[] {
    return items.map(item => item.label);
}

/** Items in the order the list shows them (by sortText, then label). */
export function sorted(items: readonly CompletionItem[]): CompletionItem[] {
    return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
}

export interface Completer {
    services: JxmbServices;
    /**
     * Completion at the `|` in `marked`, with `others` open in the workspace too. The documents are removed again
     * afterwards, so that one test's names do not show up in the next.
     */
    complete(marked: string, others?: string[]): Promise<{ items: CompletionItem[]; text: string; offset: number }>;
}

let counter = 0;

/** Language services of their own; `snippets` says whether the client announced snippet support. */
export async function completer(options: { snippets?: boolean } = {}): Promise<Completer> {
    const { shared, Jxmb } = createJxmbServices(EmptyFileSystem);
    const params = { processId: null, rootUri: null, capabilities: { textDocument: { completion: { completionItem: { snippetSupport: options.snippets === true } } } } };
    await shared.lsp.LanguageServer.initialize(params as InitializeParams);
    return {
        services: Jxmb,
        async complete(marked, others = []) {
            const { text, offset } = cursorIn(marked);
            const run = counter++;
            const factory = shared.workspace.LangiumDocumentFactory;
            const documents = [text, ...others].map((source, i) => factory.fromString(source, URI.parse(`file:///ws${run}/doc${i}.jxmb`)));
            for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
            try {
                await shared.workspace.DocumentBuilder.build(documents);
                const main = documents[0]!;
                const list = await Jxmb.lsp.CompletionProvider!.getCompletion(main, { textDocument: { uri: main.uri.toString() }, position: main.textDocument.positionAt(offset) });
                return { items: list?.items ?? [], text, offset };
            } finally {
                for (const document of documents) shared.workspace.LangiumDocuments.deleteDocument(document.uri);
            }
        }
    };
}
