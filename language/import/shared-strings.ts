// The texts of a workbook's cells are kept once, in xl/sharedStrings.xml, and the cells name them by index. A sheet too
// large to read is emptied before exceljs loads the workbook (worksheet-extent.ts), but its texts would still be
// built, one object each (a ledger of 1,000,000 texts: 175 MB and 2.4 s). So only the texts the sheets read use are
// kept: the others are emptied in place, so that each index still names its text, and those after the last one used
// are left out. The XML is read in chunks, in bounded memory.

export const SHARED_STRINGS = 'xl/sharedStrings.xml';

// A cell holding a shared string: <c r="B2" s="1" t="s"><v>17</v></c>, with or without a namespace prefix.
const STRING_CELL = /<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\bt\s*=\s*["']s["'][^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?v>\s*(\d+)/g;
export const ROW_START = /<(?:[A-Za-z_][\w.-]*:)?row[\s/>]/g;
// One shared string, whole: <si>…</si> or <si/>; and where one starts.
const STRING = /<((?:[A-Za-z_][\w.-]*:)?)si\b[^>]*?(?:\/>|>[\s\S]*?<\/\1si>)/g;
const STRING_START = /<(?:[A-Za-z_][\w.-]*:)?si[\s/>]/g;
const EMPTY_STRING = '<si><t></t></si>';

/** The shared strings (the part's inflated chunks) with only those that `sheets` (theirs) use. */
export async function stringsUsedBy(strings: AsyncIterable<Buffer>, sheets: ReadonlyArray<AsyncIterable<Buffer>>): Promise<Buffer> {
    const used = new Set<number>();
    for (const sheet of sheets) {
        await eachPiece(sheet, ROW_START, text => {
            for (const [, index] of text.matchAll(STRING_CELL)) used.add(Number(index));
        });
    }
    let last = -1;
    for (const i of used) last = Math.max(last, i);
    const out: Buffer[] = [];
    let index = 0;
    await eachPiece(strings, STRING_START, text => {
        const kept = text.replace(STRING, whole => {
            const i = index++;
            return used.has(i) ? whole : i < last ? EMPTY_STRING : '';
        });
        out.push(Buffer.from(kept, 'latin1'));
    });
    return Buffer.concat(out);
}

/** The text of the chunks, a piece at a time, each piece ending where `start` (an element's start) matches last. */
export async function eachPiece(chunks: AsyncIterable<Buffer>, start: RegExp, piece: (text: string) => void): Promise<void> {
    // Byte for byte (latin1): the tags are ASCII, and the text is written back as it was.
    let carry = '';
    for await (const chunk of chunks) {
        const text = carry + chunk.toString('latin1');
        let cut = -1;
        for (const match of text.matchAll(start)) cut = match.index!;
        if (cut <= 0) {
            carry = text;
            continue;
        }
        piece(text.slice(0, cut));
        carry = text.slice(cut);
    }
    piece(carry);
}
