// Revisions a Word document still carries (track changes not yet accepted or rejected). mammoth reads such a document
// as if every revision were accepted: inserted and moved-to text read, deleted and moved-from text and deleted rows
// left out. The unit may not know the table it sent still holds revisions, nor which reading it gets: a note says so,
// with the first of them, so that they can be accepted or rejected in Word first.

const MARK = /<w:(ins|del|moveFrom|moveTo|cellIns|cellDel)\b(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
const TEXT = /<w:(?:t|delText)\b[^>]*>([^<]*)<\/w:(?:t|delText)>/g;
/** Examples named in the note, each cut to so many characters. */
const EXAMPLES = 5;
const EXAMPLE_LENGTH = 20;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => name[0] === '#'
    ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10))
    : ENTITIES[name.toLowerCase()] ?? whole);

/** Whether the mark at `at` stands in a row's properties (<w:trPr>: short, so a look back of a few hundred characters will do). */
function inRowProperties(xml: string, at: number): boolean {
    const before = xml.slice(Math.max(0, at - 600), at);
    return before.lastIndexOf('<w:trPr') > before.lastIndexOf('</w:trPr>');
}

/** Whether the XML may hold revision marks (a cheap look before the XML is read as text). */
export function mayHaveRevisions(xml: Buffer): boolean {
    return xml.includes('<w:ins') || xml.includes('<w:del') || xml.includes('<w:move') || xml.includes('<w:cell');
}

/** The note on the document's revisions, or null when it has none. */
export function revisionNote(xml: string): string | null {
    let inserted = 0;
    let deleted = 0;
    let rows = 0;
    let other = 0;
    const examples: string[] = [];
    for (const mark of xml.matchAll(MARK)) {
        const [, kind, empty] = mark;
        if (empty) {
            // On a row's properties: the whole row inserted or deleted; elsewhere a paragraph mark (paragraphs split or
            // joined) or a cell inserted or deleted.
            const inRow = inRowProperties(xml, mark.index);
            if (inRow && kind === 'del') rows++;
            else if (!inRow) other++;
            continue;
        }
        const end = xml.indexOf(`</w:${kind}>`, mark.index);
        const text = decode([...xml.slice(mark.index, end < 0 ? undefined : end).matchAll(TEXT)].map(m => m[1]).join(''));
        const insertion = kind === 'ins' || kind === 'moveTo' || kind === 'cellIns';
        if (insertion) inserted++;
        else deleted++;
        if (text.trim() && examples.length < EXAMPLES + 1) {
            const chars = Array.from(text.trim());
            examples.push(`${insertion ? '插入' : '删除'}「${chars.slice(0, EXAMPLE_LENGTH).join('')}${chars.length > EXAMPLE_LENGTH ? '…' : ''}」`);
        }
    }
    const counts = [
        inserted > 0 ? `插入 ${inserted} 处` : '', deleted > 0 ? `删除 ${deleted} 处` : '', rows > 0 ? `删除表格行 ${rows} 行` : '',
        other > 0 ? `其他修订 ${other} 处` : ''
    ].filter(Boolean);
    if (counts.length === 0) return null;
    const named = examples.length === 0 ? '' : `（${examples.slice(0, EXAMPLES).join('，')}${examples.length > EXAMPLES ? '，等' : ''}）`;
    return `文档中有尚未接受或拒绝的修订（${counts.join('，')}）：按全部接受后的文字读取——插入的文字读入，删除的文字不读${named}。`
        + '如果修订尚未定稿，请先在 Word 中用「审阅 → 接受/拒绝」处理后再导入。';
}
