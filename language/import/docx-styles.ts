// Hidden by a style: the document defaults (w:docDefaults), a table style (w:tblStyle on a table), a paragraph style
// (w:pStyle) or a character style (w:rStyle on a run) whose run properties hold w:vanish, its own or one it inherits
// through w:basedOn, hides text in Word as w:vanish on the run does (docx-hidden.ts). What each style says of hiding,
// read once from word/styles.xml. The part may be large or hostile: it is walked from tag to tag (no pattern that could
// search back and forth), and each style's chain of w:basedOn is followed once, a style met again on it (a circle)
// ending it as saying nothing.

export interface HiddenStyles {
    /** what the styles say of hiding, by type and id: those that say nothing (nor any they are based on) are absent */
    character: ReadonlyMap<string, boolean>;
    paragraph: ReadonlyMap<string, boolean>;
    table: ReadonlyMap<string, boolean>;
    /** the default style of each type (w:default="1"): a paragraph, run or table naming no style has it */
    defaults: Readonly<Record<StyleType, string | undefined>>;
    /** whether the document defaults hide */
    documentDefault: boolean;
}

type StyleType = 'character' | 'paragraph' | 'table';

/** What the style hierarchy says of hiding at each of its levels (undefined: nothing). */
export interface HidingLevels {
    table: boolean | undefined;
    paragraph: boolean | undefined;
    character: boolean | undefined;
}

interface Style {
    basedOn: string | undefined;
    /** its own w:vanish: on, off, or not said (then the style it is based on says) */
    vanish: boolean | undefined;
}

const ATTRIBUTE = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`);
const TYPE = ATTRIBUTE('w:type');
const ID = ATTRIBUTE('w:styleId');
const VALUE = ATTRIBUTE('w:val');
const DEFAULT = /\bw:default\s*=\s*["'](?:1|true|on)["']/;
/** A style's tag; its pattern stops at 「<」, so that a tag not closed is not searched on for each. */
const STYLE_TAG = /<w:style(?=[\s/>])[^<>]*>/g;
const isStyleType = (type: string | undefined): type is StyleType => type === 'character' || type === 'paragraph' || type === 'table';

/** The w:val of a tag (`<w:pStyle w:val="…"/>`), if it has one. */
export const valueOf = (tag: string): string | undefined => VALUE.exec(tag)?.[1];

/** Whether an on/off property's tag (`<w:vanish/>`, `<w:vanish w:val="0"/>`) says on: it does unless its w:val says off. */
export const isOn = (tag: string) => !/^(?:0|false|off)$/.test(valueOf(tag) ?? '');

/** An element's tag, for `named`; its pattern stops at 「<」 as the others. */
export const element = (name: string) => new RegExp(`<${name}(?=[\\s/>])[^<>]*`);
const BASED_ON = element('w:basedOn');
const VANISH = element('w:vanish');

/** The w:val of the first `element` in the XML (the style a w:rStyle or w:basedOn names), if any. */
export function named(xml: string, element: RegExp): string | undefined {
    const tag = element.exec(xml);
    return tag ? valueOf(tag[0]) : undefined;
}

/** What the first w:vanish in the XML says: on, off, or nothing when there is none. */
export const vanish = (xml: string): boolean | undefined => {
    const tag = VANISH.exec(xml);
    return tag ? isOn(tag[0]) : undefined;
};

/** What the styles say of hiding, or null when none of them, nor the document defaults, hides (or there are none). */
export function hiddenStyles(part: Buffer | null | undefined): HiddenStyles | null {
    if (!part || !part.includes('<w:vanish')) return null;
    const xml = part.toString('utf8');
    const styles: Record<StyleType, Map<string, Style>> = { character: new Map(), paragraph: new Map(), table: new Map() };
    const defaults: Record<StyleType, string | undefined> = { character: undefined, paragraph: undefined, table: undefined };
    STYLE_TAG.lastIndex = 0;
    for (let found = STYLE_TAG.exec(xml); found; found = STYLE_TAG.exec(xml)) {
        const [tag] = found;
        const tagEnd = found.index + tag.length - 1;
        const type = TYPE.exec(tag)?.[1];
        const id = ID.exec(tag)?.[1];
        const end = tag.endsWith('/>') ? tagEnd + 1 : xml.indexOf('</w:style>', tagEnd);
        if (end < 0) break;
        if (isStyleType(type) && id !== undefined && !styles[type].has(id)) {
            // A table style's conditional formatting (w:tblStylePr: first row, banded rows …) is not read: only what
            // it says of the whole table.
            const body = ['w:rPrChange', 'w:pPrChange', 'w:tblStylePr'].reduce(withoutElement, xml.slice(tagEnd + 1, end));
            styles[type].set(id, { basedOn: named(body, BASED_ON), vanish: vanish(body) });
            if (defaults[type] === undefined && DEFAULT.test(tag)) defaults[type] = id;
        }
        STYLE_TAG.lastIndex = end;
    }
    const said = { character: stated(styles.character), paragraph: stated(styles.paragraph), table: stated(styles.table) };
    // w:pPrDefault holds a paragraph mark's run properties only, which hide no text.
    const documentDefault = vanish(runDefaults(xml)) === true;
    if (!documentDefault && ![said.character, said.paragraph, said.table].some(type => [...type.values()].includes(true))) return null;
    return { ...said, defaults, documentDefault };
}

/** The run properties of the document defaults (w:docDefaults/w:rPrDefault), '' when there are none. */
function runDefaults(xml: string): string {
    const start = xml.indexOf('<w:rPrDefault');
    const end = start < 0 ? -1 : xml.indexOf('</w:rPrDefault>', start);
    return end < 0 ? '' : withoutElement(xml.slice(start, end), 'w:rPrChange');
}

/**
 * Whether text is hidden, by what the levels of the style hierarchy say (direct formatting, which says it absolutely,
 * aside). w:vanish is a toggle property (ECMA-376 Part 1, §17.7.3): a style's value is the first found along its
 * w:basedOn chain; said at one level only, that value holds; said at several, the document defaults hiding hide, and
 * otherwise the levels are combined by exclusive or — a paragraph style and a character style that both hide cancel,
 * and Word shows the text. Said at no level, the document defaults decide.
 */
export function hides(levels: HidingLevels, documentDefault: boolean): boolean {
    const said = [levels.table, levels.paragraph, levels.character].filter(value => value !== undefined);
    if (said.length === 0) return documentDefault;
    return (said.length > 1 && documentDefault) || said.reduce((a, b) => a !== b);
}

/** What the styles (of one type) say of hiding, each chain of w:basedOn walked once: those that say nothing absent. */
function stated(styles: ReadonlyMap<string, Style>): Map<string, boolean> {
    const resolved = new Map<string, boolean | undefined>();
    for (const id of styles.keys()) {
        const path: string[] = [];
        const onPath = new Set<string>();
        let said: boolean | undefined;
        for (let current: string | undefined = id; current !== undefined;) {
            if (resolved.has(current)) {
                said = resolved.get(current);
                break;
            }
            const style = styles.get(current);
            // Based on a style that is not there, or on one met before on this chain (a circle): nothing more said.
            if (!style || onPath.has(current)) break;
            path.push(current);
            onPath.add(current);
            if (style.vanish !== undefined) {
                said = style.vanish;
                break;
            }
            current = style.basedOn;
        }
        for (const on of path) resolved.set(on, said);
    }
    return new Map([...resolved].filter((entry): entry is [string, boolean] => entry[1] !== undefined));
}

/**
 * The XML without the elements `name` (a former formatting, track changes, which no longer applies); one not closed
 * runs to the end. Found from tag to tag: a pattern searching on for each of many unclosed ones would take hours.
 */
export function withoutElement(xml: string, name: string): string {
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
