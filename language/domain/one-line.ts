// Text from outside (a name from an Excel cell, a model's answer, a hostile table) shown on one line: of a .jxmb
// preview, where a line break would end a `//` comment early and let the rest read as code; of the terminal, where an
// ESC sequence would be obeyed. Line breaks, other control characters (NEL, ESC …) and the Unicode line/paragraph
// separators become spaces.
const BREAKING = /[\p{Cc}\u2028\u2029]/gu;

export function oneLine(text: string, max = Infinity): string {
    const s = text.replace(BREAKING, ' ').replace(/\s+/g, ' ').trim();
    return s.length > max ? `${s.slice(0, max)}…` : s;
}
