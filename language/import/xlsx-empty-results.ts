import { attribute, sheetNames } from './worksheet-extent.js';
import { readPart, type ZipPart } from './zip-package.js';

// A formula whose saved result is the empty string (=IF(…,"")) is saved by Excel as <c t="str"><f>…</f><v></v></c>.
// exceljs drops a falsy result, so its cell is { formula } with no result, the same as a formula saved without one
// (no <v>: a workbook written by a program and never recalculated): only the sheet's XML tells the two apart.

const CELL_START = /<((?:[A-Za-z_][\w.-]*:)?)c\b([^>]*)>/g;
const FORMULA = /<(?:[A-Za-z_][\w.-]*:)?f\b/;
const EMPTY_VALUE = /<((?:[A-Za-z_][\w.-]*:)?)v\s*(?:\/>|><\/\1v>)/;

/** The addresses (「D3」) of the formula cells of a worksheet's XML whose saved result is the empty string. */
export function emptyStringResults(xml: string): Set<string> {
    const cells = new Set<string>();
    for (const match of xml.matchAll(CELL_START)) {
        const [tag, prefix, attributes] = match as unknown as [string, string, string];
        // A string result (t="str") of a cell with content (not <c …/>).
        if (attributes.endsWith('/') || attribute(attributes, 't') !== 'str') continue;
        const start = match.index + tag.length;
        const end = xml.indexOf(`</${prefix}c>`, start);
        const content = xml.slice(start, end < 0 ? xml.length : end);
        const reference = attribute(attributes, 'r');
        if (reference && FORMULA.test(content) && EMPTY_VALUE.test(content)) cells.add(reference.replace(/\$/g, '').toUpperCase());
    }
    return cells;
}

/**
 * Whether a sheet's cell (by its name and 「D3」) is a formula whose saved result is the empty string. A sheet's XML is
 * read on the first question about it, and only a formula that exceljs gives no result asks (that is rare); a part
 * that cannot be read answers no, and its formulas keep the note that no result was saved.
 */
export function emptyResultsIn(bytes: Uint8Array, parts: ReadonlyMap<string, ZipPart>): (sheet: string, address: string) => boolean {
    let partsByName: Map<string, string> | undefined;
    const found = new Map<string, Set<string>>();
    return (sheet, address) => {
        let cells = found.get(sheet);
        if (!cells) {
            partsByName ??= new Map([...sheetNames(bytes, parts)].map(([part, name]) => [name, part]));
            const part = parts.get(partsByName.get(sheet) ?? '');
            try {
                cells = emptyStringResults(part ? readPart(bytes, part)?.toString('utf8') ?? '' : '');
            } catch {
                cells = new Set();
            }
            found.set(sheet, cells);
        }
        return cells.has(address);
    };
}
