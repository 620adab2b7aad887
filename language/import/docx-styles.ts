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
const BASED_ON = /<w:basedOn\b[^>]*?\bw:val\s*=\s*["']([^"']*)["']/;
/** A former formatting (track changes) no longer applies. */
const FORMER = /<w:rPrChange\b[^>]*>[^]*?<\/w:rPrChange>|<w:pPrChange\b[^>]*>[^]*?<\/w:pPrChange>/g;
const VANISH = /<w:vanish\b([^>]*)>/;
export const VANISH_OFF = /w:val\s*=\s*["'](?:0|false|off)["']/;

/** The styles that hide their text, or null when none does (or the document has no styles part). */
export function hiddenStyles(part: Buffer | null | undefined): HiddenStyles | null {
    if (!part || !part.includes('<w:vanish')) return null;
    const xml = part.toString('utf8');
    const styles = { character: new Map<string, Style>(), paragraph: new Map<string, Style>() };
    let defaultParagraph: string | null = null;
    for (let at = xml.indexOf('<w:style'); at >= 0; at = xml.indexOf('<w:style', at + 1)) {
        const tagEnd = xml.indexOf('>', at);
        if (tagEnd < 0) break;
        const tag = xml.slice(at, tagEnd + 1);
        if (!/^<w:style[\s/>]/.test(tag)) continue;
        const type = TYPE.exec(tag)?.[1];
        const id = ID.exec(tag)?.[1];
        const selfClosing = tag.endsWith('/>');
        const end = selfClosing ? tagEnd + 1 : xml.indexOf('</w:style>', tagEnd);
        if (end < 0) break;
        if ((type === 'character' || type === 'paragraph') && id !== undefined && !styles[type].has(id)) {
            const body = xml.slice(tagEnd + 1, end).replace(FORMER, '');
            const vanish = VANISH.exec(body);
            styles[type].set(id, { basedOn: BASED_ON.exec(body)?.[1] ?? null, vanish: vanish ? !VANISH_OFF.test(vanish[1]!) : undefined });
            if (type === 'paragraph' && defaultParagraph === null && DEFAULT.test(tag)) defaultParagraph = id;
        }
        at = end;
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
