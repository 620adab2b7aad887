// A 项目支出 绩效指标 string typed by hand rather than pasted from the finance system (RULES §6.1 is what the system
// and jxmb write): items numbered 「1.」 or 「１．」, codes in full-width digits, spaces beside 「；」, a half-width 「;」
// for 「；」, an item ended by 「;」 or 「；」 instead of 「。」. The importer reads these as the official form says — only
// the structure between the fields is touched, never a name or a value — and says what it read otherwise than written.
// The official pattern itself (compile/flat.ts) stays strict: it is what jxmb writes and what `check` expects of it.

const DIGIT = '[0-9０-９]';
const LEVEL1 = '产出指标|效益指标|满意度指标|成本指标';

/**
 * One alternation scanned left to right, so that each change knows the item it is in:
 * - an item's head 「n、c-一级；cc-二级；」 with what ends the item before it (start of the text, 「。」, or 「；」/「;」
 *   instead of 「。」, a `<p>` tag's 「>」) and the white space after that (allowed between items);
 * - the 「；」 before 「实施周期指标值:」 and 「年度指标值:」;
 * - a 「；」 or 「;」 that ends the cell instead of 「。」.
 * No alternative starts with white space: a long run of it (a hostile cell) would be scanned again from each of its
 * characters. White space before a 「；」 ends a name or a value, which are read trimmed anyway.
 */
const TYPED = new RegExp(
    `(^|[。；;>])(\\s*)(${DIGIT}+)(\\s*)([、.．])(\\s*)(${DIGIT})(\\s*)-(\\s*)(${LEVEL1})(\\s*)([；;])(\\s*)(${DIGIT}{2})(\\s*)-(\\s*)([^；;\\s]+?)(\\s*)([；;])(\\s*)`
    + '|([；;])(\\s*)(实施周期指标值|年度指标值)(?=[:：])'
    + '|([；;])(\\s*(?:</p>\\s*)?)$',
    'g'
);

type Kind = 'numbering' | 'code' | 'space' | 'semicolon' | 'end';

/** The note's parts, in this order; `example` is the first place's text as written and as read. */
const WORDING: Record<Kind, (example: Example) => string> = {
    numbering: e => `编号「${e.written}」读作「${e.read}」`,
    code: e => `编码「${e.written}」读作「${e.read}」`,
    space: () => '「；」前后的空格未计入',
    semicolon: () => '半角「;」读作「；」',
    end: e => `项末的「${e.written}」读作「。」`
};

interface Example { written: string; read: string }
interface Change { count: number; item: number; example: Example }

export interface TypedFlat {
    /** the cell in the official form, where only the structure differed; the cell itself where nothing did */
    text: string;
    /** what was read otherwise than written, for the note at the cell; '' when nothing */
    note: string;
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
    const separator = (before: string, mark: string, after: string) => {
        if (before || after) record('space');
        if (mark === ';') record('semicolon');
        return '；';
    };
    const text = cell.replace(TYPED, (...m: string[]) => {
        if (m[3] !== undefined) {
            const [, ends, gap, seq, s1, mark, s2, code1, s3, s4, level1, s5, sep1, s6, code2, s7, s8, level2, s9, sep2, s10] = m as string[];
            // What ended the item before belongs to that item.
            let end = ends!;
            if ((end === '；' || end === ';') && item > 0) {
                record('end', { written: end, read: '。' });
                end = '。';
            }
            item = Number(halfWidth(seq!));
            const number = `${item}、`;
            if (`${seq}${s1}${mark}${s2}` !== number) {
                const written = `${seq}${mark}` !== number ? `${seq}${mark}` : `${seq}${s1}${mark}${s2}`;
                record('numbering', { written, read: number });
            }
            const codes = [[code1!, s3!, s4!], [code2!, s7!, s8!]].map(([code, before, after]) => {
                const read = `${halfWidth(code!)}-`;
                if (`${code}${before}-${after}` !== read) record('code', { written: `${code}${before}-${after}`, read });
                return read;
            });
            const sep = [separator(s5!, sep1!, s6!), separator(s9!, sep2!, s10!)];
            return `${end}${gap}${number}${codes[0]}${level1}${sep[0]}${codes[1]}${level2}${sep[1]}`;
        }
        if (m[23] !== undefined) return `${separator('', m[21]!, m[22]!)}${m[23]}`;
        // The cell ends with 「；」 or 「;」: the last item's end (text before any item is left as it is, unread).
        if (item === 0) return m[0]!;
        record('end', { written: m[24]!, read: '。' });
        return `。${m[25]}`;
    });
    if (changes.size === 0) return { text: cell, note: '' };
    const parts = (Object.keys(WORDING) as Kind[]).flatMap(kind => {
        const change = changes.get(kind);
        if (!change) return [];
        const places = change.count === 1 ? `第 ${change.item} 项` : `${change.count} 处，如第 ${change.item} 项`;
        return [`${WORDING[kind](change.example)}（${places}）`];
    });
    return {
        text,
        note: `绩效指标字符串的写法与规范（「1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。」）不同，按其意思读取：${parts.join('；')}。`
    };
}
