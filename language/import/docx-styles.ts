// Hidden by a style: the document defaults (w:docDefaults), a table style (w:tblStyle on a table; in some cells its
// conditional formatting, w:tblStylePr: docx-table-parts.ts), a paragraph style (w:pStyle) or a character style
// (w:rStyle on a run) whose run properties hold w:vanish, its own or one it inherits through w:basedOn, hides text in
// Word as w:vanish on the run does (docx-hidden.ts). What each style says of hiding, read once from word/styles.xml.
// The part may be large or hostile: it is walked from tag to tag (no pattern that could search back and forth), and
// each style's chain of w:basedOn is followed once, a style met again on it (a circle) ending it as saying nothing.

export interface HiddenStyles {
    /** what the styles say of hiding, by type and id: those that say nothing (nor any they are based on) are absent */
    character: ReadonlyMap<string, boolean>;
    paragraph: ReadonlyMap<string, boolean>;
    table: ReadonlyMap<string, TableStyle>;
    /** the default style of each type (w:default="1"): a paragraph, run or table naming no style has it */
    defaults: Readonly<Record<StyleType, string | undefined>>;
    /** whether the document defaults hide */
    documentDefault: boolean;
}

type StyleType = 'character' | 'paragraph' | 'table';

/**
 * The parts of a table its style formats: the whole table (the style's own run properties, or a w:tblStylePr of that
 * type), then its conditional formats (w:tblStylePr w:type) in the order Word applies them, each overriding those
 * before (Microsoft's note on ECMA-376 Part 1 §17.7.6.6; the standard lists another order, but Word shows the table).
 */
export const TABLE_PARTS = ['wholeTable', 'band1Horz', 'band2Horz', 'band1Vert', 'band2Vert', 'firstCol', 'lastCol', 'firstRow', 'lastRow', 'nwCell', 'neCell', 'swCell', 'seCell'] as const;
export type TablePart = (typeof TABLE_PARTS)[number];

/** What a table style says of hiding, its own or inherited through w:basedOn. */
export interface TableStyle {
    /** by part; the parts that say nothing absent */
    parts: ReadonlyMap<TablePart, boolean>;
    /** rows and columns in a band (w:tblStyleRowBandSize, w:tblStyleColBandSize): 0, Word's default, bands none */
    rowBand: number;
    columnBand: number;
}

/** What the style hierarchy says of hiding at each of its levels (undefined: nothing). */
export interface HidingLevels {
    table: boolean | undefined;
    paragraph: boolean | undefined;
    character: boolean | undefined;
}

interface Style {
    basedOn: string | undefined;
    /** its own w:vanish (a table style's: the whole table's): on, off, or not said (then the style it is based on says) */
    vanish: boolean | undefined;
    /** a table style's own conditional formats that say something of hiding, and band sizes */
    parts?: ReadonlyMap<TablePart, boolean>;
    rowBand?: number;
    columnBand?: number;
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

/** Whether an on/off value says on: it does unless it says off (a value not given says on). */
export const saysOn = (value: string | undefined) => !/^(?:0|false|off)$/.test(value ?? '');

/** Whether an on/off property's tag (`<w:vanish/>`, `<w:vanish w:val="0"/>`) says on: it does unless its w:val says off. */
export const isOn = (tag: string) => saysOn(valueOf(tag));

/** An element's tag, for `named`; its pattern stops at 「<」 as the others. */
export const element = (name: string) => new RegExp(`<${name}(?=[\\s/>])[^<>]*`);
const BASED_ON = element('w:basedOn');
const VANISH = element('w:vanish');
const ROW_BAND = element('w:tblStyleRowBandSize');
const COLUMN_BAND = element('w:tblStyleColBandSize');
/** A conditional format's tag, at the place searched (sticky). */
const CONDITIONAL_TAG = /<w:tblStylePr(?=[\s/>])[^<>]*>/y;
const isTablePart = (type: string | undefined): type is TablePart => (TABLE_PARTS as readonly string[]).includes(type ?? '');

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
            const content = xml.slice(tagEnd + 1, end);
            const body = ['w:rPrChange', 'w:pPrChange', 'w:tblStylePr'].reduce(withoutElement, content);
            const parts = type === 'table' ? conditionalFormats(content) : undefined;
            styles[type].set(id, {
                basedOn: named(body, BASED_ON),
                // A conditional format for the whole table overrides the style's own run properties, as they all do.
                vanish: parts?.get('wholeTable') ?? vanish(body),
                ...parts && { parts, rowBand: bandSize(named(body, ROW_BAND)), columnBand: bandSize(named(body, COLUMN_BAND)) }
            });
            if (defaults[type] === undefined && DEFAULT.test(tag)) defaults[type] = id;
        }
        STYLE_TAG.lastIndex = end;
    }
    const said = { character: stated(styles.character, vanishOf), paragraph: stated(styles.paragraph, vanishOf), table: tableStyles(styles.table) };
    // w:pPrDefault holds a paragraph mark's run properties only, which hide no text.
    const documentDefault = vanish(runDefaults(xml)) === true;
    const tableHides = [...said.table.values()].some(style => [...style.parts.values()].includes(true));
    if (!documentDefault && !tableHides && ![said.character, said.paragraph].some(type => [...type.values()].includes(true))) return null;
    return { ...said, defaults, documentDefault };
}

const vanishOf = (style: Style) => style.vanish;

/**
 * What a table style's conditional formats (w:tblStylePr) say of hiding, by type: the first w:vanish in each one's run
 * properties, a former formatting left out; the first of a type counts. Found from tag to tag, one not closed ending
 * the search (as withoutElement).
 */
function conditionalFormats(content: string): Map<TablePart, boolean> {
    const parts = new Map<TablePart, boolean>();
    for (let at = content.indexOf('<w:tblStylePr'); at >= 0; at = content.indexOf('<w:tblStylePr', at + 1)) {
        CONDITIONAL_TAG.lastIndex = at;
        const tag = CONDITIONAL_TAG.exec(content)?.[0];
        if (!tag || tag.endsWith('/>')) continue;
        const close = content.indexOf('</w:tblStylePr>', at);
        if (close < 0) break;
        const type = TYPE.exec(tag)?.[1];
        const said = vanish(withoutElement(content.slice(at + tag.length, close), 'w:rPrChange'));
        if (isTablePart(type) && said !== undefined && !parts.has(type)) parts.set(type, said);
        at = close;
    }
    return parts;
}

/** A band size's w:val (Word allows 0 to 3), undefined when not a number. */
function bandSize(value: string | undefined): number | undefined {
    return value !== undefined && /^\d{1,6}$/.test(value) ? Number(value) : undefined;
}

/** What the table styles say of each part and their band sizes, each along its chain of w:basedOn (as stated). */
function tableStyles(styles: ReadonlyMap<string, Style>): Map<string, TableStyle> {
    const parts = TABLE_PARTS.map(part => [part, stated(styles, style => part === 'wholeTable' ? style.vanish : style.parts?.get(part))] as const);
    const rowBand = stated(styles, style => style.rowBand);
    const columnBand = stated(styles, style => style.columnBand);
    const resolved = new Map<string, TableStyle>();
    for (const id of styles.keys()) {
        const said = new Map(parts.flatMap(([part, byId]) => byId.has(id) ? [[part, byId.get(id)!] as const] : []));
        if (said.size > 0) resolved.set(id, { parts: said, rowBand: rowBand.get(id) ?? 0, columnBand: columnBand.get(id) ?? 0 });
    }
    return resolved;
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

/**
 * What the styles (of one type) say of a property (`of`: a style's own value), each chain of w:basedOn walked once:
 * those that say nothing absent.
 */
function stated<T>(styles: ReadonlyMap<string, Style>, of: (style: Style) => T | undefined): Map<string, T> {
    const resolved = new Map<string, T | undefined>();
    for (const id of styles.keys()) {
        const path: string[] = [];
        const onPath = new Set<string>();
        let said: T | undefined;
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
            const own = of(style);
            if (own !== undefined) {
                said = own;
                break;
            }
            current = style.basedOn;
        }
        for (const on of path) resolved.set(on, said);
    }
    return new Map([...resolved].filter((entry): entry is [string, T] => entry[1] !== undefined));
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
