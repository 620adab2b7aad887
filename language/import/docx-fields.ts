// A simple field (w:fldSimple: a page number, a DOCPROPERTY, a table formula such as =SUM(ABOVE)) holds the result Word
// last computed as ordinary runs, but mammoth knows no such element and drops it, result and all: a total in a Word
// table read as blank. Taking the element away around its runs lets mammoth read the result where it stands, as Word
// shows it (complex fields, w:fldChar, mammoth reads by itself).

/** The tag with its attributes; an attribute value may hold 「>」 (an IF field's condition). */
const FIELD_TAG = /<w:fldSimple\b(?:[^>"']|"[^"]*"|'[^']*')*>|<\/w:fldSimple>/g;

export function hasSimpleFields(xml: Buffer): boolean {
    return xml.includes('<w:fldSimple');
}

/** The document's XML with each simple field replaced by its result's runs (an empty field, `<…/>`, by nothing). */
export function withFieldResults(xml: string): string {
    return xml.replace(FIELD_TAG, '');
}
