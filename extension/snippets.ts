import * as vscode from 'vscode';
import definitions from '../snippets/jxmb.json' with { type: 'json' };
import { defaultYear } from './settings.js';
import { snippetCompletions, withYear, type SnippetDefinition } from './snippet-items.js';

// The skeletons of snippets/jxmb.json as completions (by their Chinese name or its pinyin initials: 部门整体 / bmzt),
// with the year from jxmb.defaultYear, and the 新建绩效目标文件 command that starts a file from one.

const snippets = definitions as Record<string, SnippetDefinition>;

export function registerSnippets(): vscode.Disposable {
    return vscode.languages.registerCompletionItemProvider({ language: 'jxmb' }, {
        provideCompletionItems(document, position) {
            // Not inside a string or a comment: there the text is the user's own.
            const line = document.lineAt(position.line).text.slice(0, position.character);
            if (/\/\/|["“「]/.test(line.replace(/"[^"]*"|“[^”]*”|「[^」]*」/g, ''))) return [];
            const before = document.getText(new vscode.Range(new vscode.Position(0, 0), position));
            const range = document.getWordRangeAtPosition(position, /[\u4e00-\u9fffA-Za-z]+/);
            return snippetCompletions(snippets, before, defaultYear(document.uri) ?? null).flatMap(snippet =>
                snippet.prefixes.map(prefix => {
                    const item = new vscode.CompletionItem({ label: prefix, description: snippet.name }, vscode.CompletionItemKind.Snippet);
                    item.insertText = new vscode.SnippetString(snippet.body);
                    item.detail = snippet.description;
                    item.documentation = new vscode.MarkdownString().appendCodeblock(preview(snippet.body), 'jxmb');
                    item.sortText = `~${prefix}`;
                    if (range) item.range = range;
                    return item;
                }));
        }
    });
}

/** The body as it will read once inserted: placeholders show their default. */
function preview(body: string): string {
    let text = body;
    for (let i = 0; i < 3; i++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
    return text.replace(/\$\{?\d+\}?/g, '').replace(/\$CURRENT_YEAR/g, String(new Date().getFullYear()));
}

export async function newDeclarationFile(): Promise<vscode.TextEditor | undefined> {
    const kinds = Object.entries(snippets).filter(([, d]) => (d.where ?? 'top') === 'top');
    const picked = kinds.length === 1 ? kinds[0] : await vscode.window.showQuickPick(
        kinds.map(([name, d]) => ({ label: name, detail: d.description, entry: [name, d] as [string, SnippetDefinition] })),
        { title: vscode.l10n.t('New Declaration File'), placeHolder: vscode.l10n.t('Which table?') }).then(p => p?.entry);
    if (!picked) return undefined;
    const [, definition] = picked;
    const document = await vscode.workspace.openTextDocument({ language: 'jxmb', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    const body = Array.isArray(definition.body) ? definition.body.join('\n') : definition.body;
    await editor.insertSnippet(new vscode.SnippetString(withYear(body, defaultYear() ?? null)));
    return editor;
}
