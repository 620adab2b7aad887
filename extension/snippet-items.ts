// The skeleton snippets (snippets/jxmb.json) as completions: the table skeletons where a declaration may start
// (outside any block), the indicator block inside one, with the year from jxmb.defaultYear when it is set.

export interface SnippetDefinition {
    prefix: string | string[];
    body: string | string[];
    description?: string;
    /** where it fits: `top` (a new declaration) or `block` (inside a declaration or project); not VS Code's `scope` */
    where?: 'top' | 'block';
}

export interface SnippetCompletion {
    name: string;
    prefixes: string[];
    body: string;
    description: string;
}

/** `$CURRENT_YEAR` (VS Code's variable) replaced by the default year, when there is one. */
export function withYear(body: string, year: number | null | undefined): string {
    return year ? body.replace(/\$\{CURRENT_YEAR\}|\$CURRENT_YEAR\b/g, String(year)) : body;
}

/** How many blocks are open at the end of `text`: braces outside strings and comments. */
export function braceDepth(text: string): number {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i]!;
        if (ch === '/' && text[i + 1] === '/') {
            const end = text.indexOf('\n', i);
            if (end < 0) break;
            i = end;
        } else if (ch === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            if (end < 0) break;
            i = end + 1;
        } else if (ch === '"') {
            i++;
            while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
        } else if (ch === '“' || ch === '「') {
            const end = text.indexOf(ch === '“' ? '”' : '」', i + 1);
            if (end < 0) break;
            i = end;
        } else if (ch === '{' || ch === '｛') {
            depth++;
        } else if (ch === '}' || ch === '｝') {
            depth = Math.max(0, depth - 1);
        }
    }
    return depth;
}

export function snippetCompletions(definitions: Record<string, SnippetDefinition>, textBefore: string, year: number | null | undefined): SnippetCompletion[] {
    const where = braceDepth(textBefore) === 0 ? 'top' : 'block';
    return Object.entries(definitions)
        .filter(([, d]) => (d.where ?? 'top') === where)
        .map(([name, d]) => ({
            name,
            prefixes: Array.isArray(d.prefix) ? d.prefix : [d.prefix],
            body: withYear(Array.isArray(d.body) ? d.body.join('\n') : d.body, year),
            description: d.description ?? ''
        }));
}
