// A 项目支出 绩效指标 string typed by hand rather than pasted from the finance system (RULES §6.1 is what the system
// and jxmb write): items numbered 「1.」, 「１．」, 「1）」, 「(1)」 or 「（1）」, codes in full-width digits or followed by 「－」
// or 「—」, spaces beside 「；」 or before the 「:」 of 实施周期指标值/年度指标值, a half-width 「;」 for 「；」, an item ended
// by 「;」 or 「；」 instead of 「。」. The importer reads these as the official form says — only
// the structure between the fields is touched, never a name or a value — and says what it read otherwise than written.
// The official pattern itself (compile/flat.ts) stays strict: it is what jxmb writes and what `check` expects of it.

const DIGIT = '[0-9０-９]';
const LEVEL1 = '产出指标|效益指标|满意度指标|成本指标';
/** What follows a code: 「-」, a full-width 「－」 or a dash 「—」. */
const HYPHEN = '[-－—]';
/**
 * An item's number: 「1、」, 「1.」, 「１．」, 「1）」, 「(1)」, 「（1）」 (a bracket before it only with one after it). Not
 * after a digit: a search anywhere in a long run of digits would else try it again from each of them.
 */
const NUMBER = `(?<!${DIGIT})(?:[(（]\\s*${DIGIT}+\\s*[)）]|${DIGIT}+\\s*[、.．)）])`;

/**
 * An item's head as typed, its number to its 一级 with the 「；」 after it, named groups marking its parts. The
 * official 「1、1-产出指标；」 is one of its forms.
 */
const HEAD = `(?<numbering>${NUMBER}\\s*)(?<code1>${DIGIT})(?<hyphen1>\\s*${HYPHEN}\\s*)(?<level1>${LEVEL1})(?<sep1>\\s*[；;]\\s*)`;

/**
 * The start of an item as this module reads it, for what must tell where a 绩效指标 string is (a row that starts
 * one, Q3b; a string typed into the 绩效目标 column): the same recognition as the rewrite below, not a copy of it.
 */
export const TYPED_ITEM_HEAD = HEAD.replace(/\(\?<[a-z0-9]+>/g, '(?:');

/**
 * One alternation scanned left to right, so that each change knows the item it is in:
 * - an item's head 「n、c-一级；cc-二级；」 with what ends the item before it (start of the text, 「。」, or 「；」/「;」
 *   instead of 「。」, a `<p>` tag's 「>」) and the white space after that (allowed between items);
 * - the same head with a 一级 or 二级 it does not know (「2. 1-产出类指标；12-」): only its number and what ends the item
 *   before it are read, so that the item before ends there (else its 年度 value would run on over this one, the
 *   official pattern ending an item only before 「n、d-」) and this one is reported as not placed;
 * - the 「；」 before 「实施周期指标值:」 and 「年度指标值:」, and white space before that 「:」;
 * - a 「；」 or 「;」 that ends the cell instead of 「。」.
 * No alternative starts with white space: a long run of it (a hostile cell) would be scanned again from each of its
 * characters. White space before a 「；」 ends a name or a value, which are read trimmed anyway.
 */
const TYPED = new RegExp(
    `(?<ends>^|[。；;>])(?<gap>\\s*)${HEAD}(?<code2>${DIGIT}{2})(?<hyphen2>\\s*${HYPHEN}\\s*)(?<level2>[^；;\\s]+?)(?<sep2>\\s*[；;]\\s*)`
    + `|(?<uends>^|[。；;>])(?<ugap>\\s*)(?<unumbering>${NUMBER}\\s*)(?=${DIGIT}\\s*${HYPHEN}[^；;。]{1,20}[；;]\\s*${DIGIT}{2}\\s*${HYPHEN})`
    + '|(?<lsep>[；;]\\s*)(?<label>实施周期指标值|年度指标值)(?<lspace>\\s*)(?=[:：])'
    + '|(?<end>[；;])(?<tail>\\s*(?:</p>\\s*)?)$',
    'gd'
);

type Kind = 'numbering' | 'code' | 'space' | 'semicolon' | 'label' | 'end';

/** The note's parts, in this order; `example` is the first place's text as written and as read. */
const WORDING: Record<Kind, (example: Example) => string> = {
    numbering: e => `编号「${e.written}」读作「${e.read}」`,
    code: e => `编码「${e.written}」读作「${e.read}」`,
    space: () => '「；」前后的空格未计入',
    semicolon: () => '半角「;」读作「；」',
    label: e => `「${e.written}」读作「${e.read}」`,
    end: e => `项末的「${e.written}」读作「。」`
};

interface Example { written: string; read: string }
interface Change { count: number; item: number; example: Example }

export interface TypedFlat {
    /** the cell in the official form, where only the structure differed; the cell itself where nothing did */
    text: string;
    /** what was read otherwise than written, for the note at the cell; '' when nothing */
    note: string;
    /**
     * A part of `text` (text the importer could not place) as the user wrote it, so that they can find it in their
     * cell: looked for after the part asked for before (a text may stand twice), else from the start. A part not
     * found (an item as the importer renders it, where the user wrote 「：」) is given back as it is.
     */
    written(part: string): string;
    /** Where the character at `index` of `text` was written in the cell (the start of the part it was read from). */
    origin(index: number): number;
}

const halfWidth = (digits: string) => digits.normalize('NFKC');
const EMPTY: Example = { written: '', read: '' };

export function readTypedFlat(cell: string): TypedFlat {
    const changes = new Map<Kind, Change>();
    let item = 0;
    const record = (kind: Kind, example: Example = EMPTY, at = item) => {
        const change = changes.get(kind);
        if (change) change.count++;
        else changes.set(kind, { count: 1, item: at, example });
    };
    const separator = (written: string) => {
        if (/\s/.test(written)) record('space');
        if (written.includes(';')) record('semicolon');
        return '；';
    };
    // The rewritten text, and for each of its characters where it came from in the cell: the span of the written
    // text it stands for (a character kept is its own span; one of a rewritten part stands for the whole part).
    let text = '';
    const from: number[] = [];
    const to: number[] = [];
    const emit = (read: string, start: number, end: number) => {
        text += read;
        const kept = read === cell.slice(start, end);
        for (let i = 0; i < read.length; i++) {
            from.push(kept ? start + i : start);
            to.push(kept ? start + i + 1 : end);
        }
    };
    let copied = 0;
    for (const m of cell.matchAll(TYPED)) {
        const g = m.groups!;
        const at = m.indices!.groups!;
        const parts: Array<[string, string]> = [];
        // What ended the item before belongs to that item; then the item's number.
        const start = (ends: string, numbering: string): [string, string] => {
            let end = ends;
            if ((end === '；' || end === ';') && item > 0) {
                record('end', { written: end, read: '。' });
                end = '。';
            }
            item = Number(halfWidth(numbering.match(/[0-9０-９]+/)![0]));
            const number = `${item}、`;
            const compact = numbering.replace(/\s/g, '');
            if (numbering !== number) record('numbering', { written: compact !== number ? compact : numbering, read: number });
            return [end, number];
        };
        if (g.numbering !== undefined) {
            const [end, number] = start(g.ends!, g.numbering);
            const code = (digits: string, hyphen: string) => {
                const read = `${halfWidth(digits)}-`;
                if (`${digits}${hyphen}` !== read) record('code', { written: `${digits}${hyphen}`, read });
                return read;
            };
            const code1 = code(g.code1!, g.hyphen1!);
            const sep1 = separator(g.sep1!);
            const code2 = code(g.code2!, g.hyphen2!);
            parts.push(['ends', end], ['gap', g.gap!], ['numbering', number], ['code1', code1.slice(0, -1)], ['hyphen1', '-'],
                ['level1', g.level1!], ['sep1', sep1], ['code2', code2.slice(0, -1)], ['hyphen2', '-'], ['level2', g.level2!],
                ['sep2', separator(g.sep2!)]);
        } else if (g.unumbering !== undefined) {
            const [end, number] = start(g.uends!, g.unumbering);
            parts.push(['uends', end], ['ugap', g.ugap!], ['unumbering', number]);
        } else if (g.label !== undefined) {
            const colon = cell[at.lspace![1]]!;
            if (g.lspace) record('label', { written: `${g.label}${g.lspace}${colon}`, read: `${g.label}${colon}` });
            parts.push(['lsep', separator(g.lsep!)], ['label', g.label], ['lspace', '']);
        } else if (item > 0) {
            // The cell ends with 「；」 or 「;」: the last item's end (text before any item is left as it is, unread).
            record('end', { written: g.end!, read: '。' });
            parts.push(['end', '。'], ['tail', g.tail!]);
        }
        for (const [name, read] of parts) {
            const [start, end] = at[name]!;
            emit(cell.slice(copied, start), copied, start);
            emit(read, start, end);
            copied = end;
        }
    }
    if (changes.size === 0) return { text: cell, note: '', written: part => part, origin: index => index };
    emit(cell.slice(copied), copied, cell.length);
    const parts = (Object.keys(WORDING) as Kind[]).flatMap(kind => {
        const change = changes.get(kind);
        if (!change) return [];
        const places = change.count === 1 ? `第 ${change.item} 项` : `${change.count} 处，如第 ${change.item} 项`;
        return [`${WORDING[kind](change.example)}（${places}）`];
    });
    let cursor = 0;
    const written = (part: string) => {
        const after = part ? text.indexOf(part, cursor) : -1;
        const index = after < 0 && part ? text.indexOf(part) : after;
        if (index < 0) return part;
        cursor = index + part.length;
        return cell.slice(from[index], to[cursor - 1]);
    };
    return {
        text,
        note: `绩效指标字符串的写法与规范（「1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。」）不同，按其意思读取：${parts.join('；')}。`,
        written,
        origin: index => index < from.length ? from[index]! : cell.length
    };
}
