// Hidden by a style: a character style (w:rStyle on a run) or a paragraph style (w:pStyle) whose run properties hold
// w:vanish, its own or one it inherits through w:basedOn, hides its text in Word as w:vanish on the run does
// (docx-hidden.ts). Which styles of word/styles.xml hide, read once. The part may be large or hostile: it is walked
// from tag to tag (no pattern that could search back and forth), and each style's chain of w:basedOn is followed
// once, a style met again on it (a circle) ending it as not hidden.

export interface HiddenStyles {
    /** ids of the character styles that hide */
    character: ReadonlySet<string>;
    /** ids of the paragraph styles that hide */
    paragraph: ReadonlySet<string>;
    /** whether the default paragraph style hides (a paragraph naming no style has it) */
    defaultParagraph: boolean;
}

interface Style {
    basedOn: string | null;
    /** its own w:vanish: on, off, or not said (then the style it is based on says) */
    vanish: boolean | undefined;
}

const ATTRIBUTE = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`);
const TYPE = ATTRIBUTE('w:type');
const ID = ATTRIBUTE('w:styleId');
const DEFAULT = /\bw:default\s*=\s*["'](?:1|true|on)["']/;
const BASED_ON = /<w:basedOn\b[^<>]*?\bw:val\s*=\s*["']([^"']*)["']/;
const VANISH = /<w:vanish\b([^<>]*)>/;
/** A style's tag; its pattern stops at 「<」, so that a tag not closed is not searched on for each. */
const STYLE_TAG = /<w:style(?=[\s/>])[^<>]*>/g;
export const VANISH_OFF = /w:val\s*=\s*["'](?:0|false|off)["']/;

/** The styles that hide their text, or null when none does (or the document has no styles part). */
export function hiddenStyles(part: Buffer | null | undefined): HiddenStyles | null {
    if (!part || !part.includes('<w:vanish')) return null;
    const xml = part.toString('utf8');
    const styles = { character: new Map<string, Style>(), paragraph: new Map<string, Style>() };
    let defaultParagraph: string | null = null;
    STYLE_TAG.lastIndex = 0;
    for (let found = STYLE_TAG.exec(xml); found; found = STYLE_TAG.exec(xml)) {
        const [tag] = found;
        const tagEnd = found.index + tag.length - 1;
        const type = TYPE.exec(tag)?.[1];
        const id = ID.exec(tag)?.[1];
        const selfClosing = tag.endsWith('/>');
        const end = selfClosing ? tagEnd + 1 : xml.indexOf('</w:style>', tagEnd);
        if (end < 0) break;
        if ((type === 'character' || type === 'paragraph') && id !== undefined && !styles[type].has(id)) {
            const body = withoutFormer(withoutFormer(xml.slice(tagEnd + 1, end), 'w:rPrChange'), 'w:pPrChange');
            const vanish = VANISH.exec(body);
            styles[type].set(id, { basedOn: BASED_ON.exec(body)?.[1] ?? null, vanish: vanish ? !VANISH_OFF.test(vanish[1]!) : undefined });
            if (type === 'paragraph' && defaultParagraph === null && DEFAULT.test(tag)) defaultParagraph = id;
        }
        STYLE_TAG.lastIndex = end;
    }
    const character = hiding(styles.character);
    const paragraph = hiding(styles.paragraph);
    if (character.size === 0 && paragraph.size === 0) return null;
    return { character, paragraph, defaultParagraph: defaultParagraph !== null && paragraph.has(defaultParagraph) };
}

/** The ids of the styles (of one type) that hide, each chain of w:basedOn walked once. */
function hiding(styles: ReadonlyMap<string, Style>): Set<string> {
    const resolved = new Map<string, boolean>();
    for (const id of styles.keys()) {
        const path: string[] = [];
        const onPath = new Set<string>();
        let hidden = false;
        for (let current: string | null = id; current !== null;) {
            const known = resolved.get(current);
            if (known !== undefined) {
                hidden = known;
                break;
            }
            const style = styles.get(current);
            // Based on a style that is not there, or on one met before on this chain (a circle): nothing more said.
            if (!style || onPath.has(current)) break;
            path.push(current);
            onPath.add(current);
            if (style.vanish !== undefined) {
                hidden = style.vanish;
                break;
            }
            current = style.basedOn;
        }
        for (const on of path) resolved.set(on, hidden);
    }
    return new Set([...resolved].filter(([, hidden]) => hidden).map(([id]) => id));
}

/**
 * The XML without the elements `name` (a former formatting, track changes, which no longer applies); one not closed
 * runs to the end. Found from tag to tag: a pattern searching on for each of many unclosed ones would take hours.
 */
export function withoutFormer(xml: string, name: string): string {
    let out = '';
    let last = 0;
    for (let at = xml.indexOf(`<${name}`); at >= 0; at = xml.indexOf(`<${name}`, last)) {
        out += xml.slice(last, at);
        const close = xml.indexOf(`</${name}>`, at);
        if (close < 0) return out;
        last = close + name.length + 3;
    }
    return out + xml.slice(last);
}
