// Small Markdown helpers for hover text: user text (names, values) must not turn into Markdown by accident.

/** Plain user text inside Markdown: characters that would start emphasis, code, links or HTML are escaped. */
export function md(text: string): string {
    return text.replace(/[\\`*_[\]<>|~#]/g, ch => `\\${ch}`);
}

/** User text as inline code, shortened when long; a backtick inside gets a longer fence. */
export function mdCode(text: string, max = 60): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    const shown = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
    if (!shown) return '（空）';
    const fence = shown.includes('`') ? '``' : '`';
    return `${fence}${fence.length > 1 ? ' ' : ''}${shown}${fence.length > 1 ? ' ' : ''}${fence}`;
}
