// An .xlsx cell's number as the sheet shows it, for the number formats budget tables use: literal text in quotes or
// after a backslash (「"≥"0"场次"」, 「0"次"」), other characters that are no format code (≥, ≤, ¥, 场次), digit
// placeholders 0 # ?, decimals, thousands separators, a trailing comma that scales by 1,000, %, sections for negative
// and zero, colours, and dates spelled with y/m/d. Anything else (scientific, fractions, conditions, times, [DBNum])
// is no rendering at all (null): the caller keeps the number and says the sheet shows it otherwise.

/** A number rendered: `scaled` when the format divides it by 1,000 (the digits shown are not the cell's number). */
export interface RenderedNumber {
    text: string;
    scaled: boolean;
    percent: boolean;
}

type Token = { kind: 'literal'; text: string } | { kind: 'code'; text: string };

const COLOURS = /^(?:black|blue|cyan|green|magenta|red|white|yellow|color\d{1,2})$/i;

/** The format's sections (positive;negative;zero;text), split at semicolons outside quotes and escapes. */
function sections(format: string): string[] {
    const parts: string[] = [];
    let current = '';
    for (let i = 0; i < format.length; i++) {
        const c = format[i]!;
        if (c === '"') {
            const end = format.indexOf('"', i + 1);
            const stop = end < 0 ? format.length : end + 1;
            current += format.slice(i, stop);
            i = stop - 1;
        } else if (c === '\\' || c === '_' || c === '*') {
            current += format.slice(i, i + 2);
            i++;
        } else if (c === ';') {
            parts.push(current);
            current = '';
        } else current += c;
    }
    parts.push(current);
    return parts;
}

/** A section as literal text and format codes; null for a bracket jxmb cannot render ([>100], [DBNum1], [h]). */
function tokens(section: string): Token[] | null {
    const out: Token[] = [];
    for (let i = 0; i < section.length; i++) {
        const c = section[i]!;
        if (c === '"') {
            const end = section.indexOf('"', i + 1);
            const stop = end < 0 ? section.length : end;
            out.push({ kind: 'literal', text: section.slice(i + 1, stop) });
            i = stop;
        } else if (c === '\\') {
            out.push({ kind: 'literal', text: section[i + 1] ?? '' });
            i++;
        } else if (c === '_') {
            // Padding as wide as the next character: a blank, trimmed with the text's ends.
            out.push({ kind: 'literal', text: ' ' });
            i++;
        } else if (c === '*') {
            i++; // fills the column's width: nothing to read
        } else if (c === '[') {
            const end = section.indexOf(']', i);
            if (end < 0) return null;
            const inside = section.slice(i + 1, end);
            const currency = /^\$([^-]*)(?:-[0-9A-Fa-f]+)?$/.exec(inside);
            if (currency) out.push({ kind: 'literal', text: currency[1]! });
            else if (!COLOURS.test(inside)) return null;
            i = end;
        } else if (/^general/i.test(section.slice(i))) {
            out.push({ kind: 'code', text: 'General' });
            i += 'general'.length - 1;
        } else if (/[0#?.,%/@A-Za-z]/.test(c)) {
            out.push({ kind: 'code', text: c });
        } else out.push({ kind: 'literal', text: c });
    }
    return out;
}

/** 15 significant digits, as Excel keeps and shows numbers: 238.97000000000003 is 238.97. */
export function excelPrecision(value: number): number {
    return Number.isFinite(value) ? Number(value.toPrecision(15)) : value;
}

/** `value` as format `format` shows it, or null when the format is beyond this renderer. */
export function renderNumber(value: number, format: string): RenderedNumber | null {
    const all = sections(format);
    if (all.length > 4) return null;
    let section = all[0]!;
    let sign = value < 0 ? '-' : '';
    if (value < 0 && all.length >= 2) [section, sign] = [all[1]!, ''];
    else if (value === 0 && all.length >= 3) section = all[2]!;
    const parts = tokens(section);
    if (!parts) return null;
    const codes = parts.filter(t => t.kind === 'code').map(t => t.text);
    const percent = codes.filter(c => c === '%').length;
    if (codes.includes('General')) {
        if (codes.length !== 1 + percent) return null;
        const shown = String(excelPrecision(Math.abs(value) * 100 ** percent));
        return { text: render(parts, shown, sign), scaled: false, percent: percent > 0 };
    }
    // One run of digit placeholders, separators and %: 「#,##0.00,」; letters, / and @ are codes this does not render.
    const run = parts.map(t => (t.kind === 'code' ? t.text : '|')).join('').replace(/%/g, '|');
    const groups = run.split('|').filter(s => s !== '');
    if (groups.length > 1 || /[^0#?.,]/.test(groups[0] ?? '')) return null;
    const digits = groups[0] ?? '';
    const number = digits === '' ? null : renderDigits(Math.abs(value) * 100 ** percent, digits);
    if (number === null && digits !== '') return null;
    const text = render(parts, number?.text ?? '', number && /[1-9]/.test(number.text) ? sign : '');
    return { text, scaled: number?.scaled ?? false, percent: percent > 0 };
}

/** The literal text around the digits, the digits put in place of the format's digit run. */
function render(parts: readonly Token[], digits: string, sign: string): string {
    let placed = false;
    const text = parts.map(t => {
        if (t.kind === 'literal') return t.text;
        if (t.text === '%') return '%';
        if (placed) return '';
        placed = true;
        return digits;
    }).join('');
    return (sign + text).trim();
}

/** A non-negative number through a digit run such as 「#,##0.00,」; null for a run this does not render. */
function renderDigits(value: number, run: string): { text: string; scaled: boolean } | null {
    const point = run.indexOf('.');
    if (point >= 0 && run.indexOf('.', point + 1) >= 0) return null;
    let whole = point < 0 ? run : run.slice(0, point);
    let fraction = point < 0 ? '' : run.slice(point + 1);
    // Commas right after the last placeholder (before the point or at the end) scale by 1,000 each.
    let scale = 0;
    const trailing = (part: string) => part.length - part.replace(/,+$/, '').length;
    if (point >= 0) {
        scale += trailing(fraction);
        fraction = fraction.replace(/,+$/, '');
    }
    scale += trailing(whole);
    whole = whole.replace(/,+$/, '');
    if (fraction.includes(',')) return null;
    const grouped = whole.includes(',');
    whole = whole.replace(/,/g, '');
    const n = value / 1000 ** scale;
    if (!(n < 1e15)) return null;
    // Rounded on the decimal digits Excel keeps (1.005 → 1.01), not on the binary fraction.
    const places = fraction.length;
    const units = Math.round(Number(`${n.toPrecision(15)}e${places}`));
    const all = String(units).padStart(places + 1, '0');
    let intDigits = all.slice(0, all.length - places);
    let fracDigits = all.slice(all.length - places);
    // Integer placeholders: 0 always shows a digit, # and ? only when needed (? as a blank).
    if (intDigits === '0' && !whole.includes('0')) intDigits = '';
    intDigits = intDigits.padStart(whole.replace(/[#?]/g, '').length, '0').padStart(whole.replace(/#/g, '').length, ' ');
    if (grouped) intDigits = intDigits.replace(/\B(?=(\d{3})+$)/g, ',');
    // Fraction placeholders: a trailing zero under # is dropped, under ? blanked.
    for (let i = places - 1; i >= 0 && fracDigits[i] === '0' && fraction[i] !== '0'; i--) {
        fracDigits = fracDigits.slice(0, i) + (fraction[i] === '?' ? ' ' : '') + fracDigits.slice(i + 1);
    }
    return { text: point < 0 ? intDigits : `${intDigits}.${fracDigits}`, scaled: scale > 0 };
}

// ── dates ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** What may stand between year, month and day of a date that is just a date (2024/12/31, 2024年12月31日). */
const DATE_SEPARATORS = /^[-/. 年月日]*$/;

/**
 * A date cell as the sheet shows it: 'iso' when the format spells no more than year, month and day (the model's
 * 2024-12-31 says the same), the text when it adds words (「2024年12月31日前」) or leaves a part out (「2024年12月」),
 * null for what this does not render (times, month and weekday names).
 */
export function renderDate(date: Date, format: string): 'iso' | { text: string } | null {
    const parts = tokens(sections(format)[0]!);
    if (!parts) return null;
    // Runs of one letter (yyyy, m, dd) and the literal text between them.
    const pieces: Array<{ literal: string } | { letter: string; count: number }> = [];
    for (const t of parts) {
        if (t.text === 'General' && t.kind === 'code') return null;
        const last = pieces.at(-1);
        if (t.kind === 'literal' || !/^[A-Za-z]$/.test(t.text)) pieces.push({ literal: t.text });
        else if (last && 'letter' in last && last.letter === t.text.toLowerCase()) last.count++;
        else pieces.push({ letter: t.text.toLowerCase(), count: 1 });
    }
    let text = '';
    for (const piece of pieces) {
        const shown = 'literal' in piece ? piece.literal : datePart(date, piece.letter, piece.count);
        if (shown === null) return null;
        text += shown;
    }
    const letters = new Set(pieces.flatMap(p => ('letter' in p ? [p.letter] : [])));
    const plain = pieces.every(p => !('literal' in p) || DATE_SEPARATORS.test(p.literal));
    if (plain && letters.size === 3) return 'iso';
    return { text: text.trim() };
}

/** A run of y, m or d as Excel shows it; null for a month or weekday name (mmm, ddd) and any other letter. */
function datePart(date: Date, letter: string, count: number): string | null {
    if (letter === 'y') return count <= 2 ? String(date.getUTCFullYear() % 100).padStart(2, '0') : String(date.getUTCFullYear());
    if (letter === 'm') return count <= 2 ? String(date.getUTCMonth() + 1).padStart(count, '0') : null;
    if (letter === 'd') return count <= 2 ? String(date.getUTCDate()).padStart(count, '0') : null;
    return null;
}
