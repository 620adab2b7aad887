import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { docx, unzip, zip, type DocxCell } from './helpers.js';

// What a Word table holds beyond plain runs, which the reader (mammoth) passes over or reads without saying so: a
// simple field's result (w:fldSimple, dropped by mammoth), a table inside a cell (its text joined into the cell),
// revisions not yet accepted (w:ins / w:del, read as if accepted), hidden text (w:vanish, read as if shown). The
// documents are built here, in WordprocessingML.

const t = (text: string): DocxCell => ({ text });
const xml = (body: string): DocxCell => ({ xml: body });
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const p = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`;
const hidden = (text: string, vanish = '<w:vanish/>') => `<w:r><w:rPr><w:color w:val="FF0000"/>${vanish}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
const inserted = (text: string) => `<w:ins w:id="2" w:author="张三" w:date="2024-03-01T10:00:00Z">${run(text)}</w:ins>`;
const deleted = (text: string) => `<w:del w:id="1" w:author="张三" w:date="2024-03-01T10:00:00Z"><w:r><w:delText>${text}</w:delText></w:r></w:del>`;

interface Cells { amount?: DocxCell; value?: DocxCell; content?: DocxCell; goal?: DocxCell; period?: DocxCell; name?: DocxCell; satisfaction?: DocxCell }

/** A 部门整体 table; the named cells replace the task's cells, the first indicator's name and values, the last's 年度 value. */
function table(cells: Cells, title = t('示例县科学技术协会2024年部门整体预算绩效目标申报表')): Buffer {
    const { amount = t('30.00'), value = t('≥10场'), content = t('组织科普活动。'), goal = t('开展科普活动不少于10场。') } = cells;
    const { period = t('≥10场'), name = t('开展科普活动场次'), satisfaction = t('≥90%') } = cells;
    const document = docx(['示例县科学技术协会2024年部门整体预算绩效目标申报表'], [
        [t('部门名称'), t('示例县科学技术协会')],
        [t('年度重点工作任务'), t('名称'), t('主要实施内容'), t('拟投入的资金（万元）'), t('期望达到的目标（概述）')],
        [t(''), t('科普活动'), content, amount, goal],
        [t('绩效指标'), t('一级指标'), t('二级指标'), t('三级指标'), t('实施周期指标值'), t('年度指标值')],
        [t(''), t('产出指标'), t('数量指标'), name, period, value],
        [t(''), t('满意度指标'), t('服务对象满意度指标'), t('服务对象满意度'), t('≥90%'), satisfaction]
    ]);
    if (!title.xml) return document;
    const parts = unzip(document);
    parts['word/document.xml'] = Buffer.from(parts['word/document.xml']!.toString('utf8').replace(/<w:p>.*?<\/w:p>/, title.xml));
    return zip(parts);
}

async function read(bytes: Buffer) {
    const result = await importBytes(bytes);
    const declaration = result.model.declarations[0]!;
    if (declaration.kind !== 'department') throw new Error('not a 部门整体 table');
    const indicator = declaration.indicators[0]!.groups[0]!.blocks[0]!.indicators[0]!;
    const notes = result.report.filter(e => e.kind === 'note').map(e => `${e.where} ${e.message}`);
    return { declaration, indicator, notes, unplaced: result.report.filter(e => e.kind === 'unplaced') };
}

describe('a simple field (w:fldSimple)', () => {
    test('its result is read: a total Word computes with =SUM(ABOVE)', async () => {
        const field = `<w:fldSimple w:instr=" =SUM(ABOVE) ">${run('30.00')}</w:fldSimple>`;
        const { declaration, unplaced } = await read(table({ amount: xml(p(field)) }));
        expect(declaration.tasks[0]!.amount).toBe(30);
        expect(unplaced).toEqual([]);
    });

    test('inside a text, between runs, in its place', async () => {
        const field = `<w:fldSimple w:instr=" DOCPROPERTY 活动 ">${run('科普')}</w:fldSimple>`;
        const { declaration } = await read(table({ content: xml(p(run('组织'), field, run('活动。'))) }));
        expect(declaration.tasks[0]!.content).toBe('组织科普活动。');
    });

    test('a complex field\'s result (w:fldChar) is read as it was', async () => {
        const char = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
        const field = p(char('begin'), '<w:r><w:instrText xml:space="preserve"> =SUM(ABOVE) </w:instrText></w:r>', char('separate'), run('30.00'), char('end'));
        const { declaration } = await read(table({ amount: xml(field) }));
        expect(declaration.tasks[0]!.amount).toBe(30);
    });
});

describe('a table inside a cell', () => {
    test('its text joins the cell, and a note names the cell', async () => {
        const nested = '<w:tbl><w:tblGrid><w:gridCol w:w="800"/><w:gridCol w:w="800"/></w:tblGrid>'
            + `<w:tr><w:tc>${p(run('讲座'))}</w:tc><w:tc>${p(run('10场'))}</w:tc></w:tr>`
            + `<w:tr><w:tc>${p(run('展览'))}</w:tc><w:tc>${p(run('2场'))}</w:tc></w:tr></w:tbl>`;
        const { declaration, notes } = await read(table({ content: xml(p(run('组织科普活动：')) + nested + '<w:p/>') }));
        expect(declaration.tasks[0]!.content).toBe('组织科普活动：\n讲座 10场\n展览 2场');
        expect(notes).toContain('表1 第3行第3列 此格中有一个表格（2 行）：jxmb 按一层表格读取，其中的文字已按行并入此格（同一行的各格以空格隔开），请与原表核对。');
    });
});

describe('a table inside a frame of one cell', () => {
    /** The document's table put in the one cell of an outer table, after the paragraphs `before` (in the cell too). */
    function framed(document: Buffer, before = ''): Buffer {
        const parts = unzip(document);
        parts['word/document.xml'] = Buffer.from(parts['word/document.xml']!.toString('utf8').replace(/<w:tbl>.*<\/w:tbl>/s, inner =>
            `<w:tbl><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc>${before}${inner}<w:p/></w:tc></w:tr></w:tbl>`));
        return zip(parts);
    }

    test('is read as the table itself, its cells named in it, and a note says so', async () => {
        const plain = await importBytes(table({ value: xml(p(run('≥12'), hidden('（原）'), run('场'))) }));
        const result = await importBytes(framed(table({ value: xml(p(run('≥12'), hidden('（原）'), run('场'))) }), p(run('（盖章）'))));
        expect(result.model).toEqual(plain.model);
        const notes = result.report.filter(e => e.kind === 'note').map(e => `${e.where} ${e.message}`);
        expect(notes).toContain('表1 此表在一个只有一格的外层表格（版式边框）中：按此表读取，表格序号与行列均按此表计。');
        expect(notes).toContainEqual(expect.stringMatching(/^表1 第5行第6列 此格中有隐藏文字「（原）」/));
        expect(notes.filter(n => n.includes('此格中有一个表格'))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([expect.objectContaining({ where: '正文第2段', text: '（盖章）' })]);
    });

    test('with the title in a row of its own above: the title is read as a title above the table, the table as the table', async () => {
        const document = table({});
        const parts = unzip(document);
        const oneCellRow = (content: string) => `<w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>${content}</w:tc></w:tr>`;
        parts['word/document.xml'] = Buffer.from(parts['word/document.xml']!.toString('utf8')
            .replace(/<w:body><w:p>.*?<\/w:p>/, '<w:body>')
            .replace(/<w:tbl>.*<\/w:tbl>/s, inner => '<w:tbl><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>'
                + oneCellRow(p(run('示例县科学技术协会2024年部门整体预算绩效目标申报表'))) + oneCellRow(inner + '<w:p/>') + '</w:tbl>'));
        const plain = await importBytes(document);
        const result = await importBytes(zip(parts));
        expect(result.model).toEqual(plain.model);
        expect(result.model.declarations[0]!.title).toBe('示例县科学技术协会2024年部门整体预算绩效目标申报表');
        const notes = result.report.filter(e => e.kind === 'note').map(e => `${e.where} ${e.message}`);
        expect(notes).toEqual(['表1 此表在一个只有一列的外层表格（版式边框）中：按此表读取，表格序号与行列均按此表计；外层表格其他行的文字（如标题）按表格上下的段落读取。']);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });

    test('a row below the table in the frame, its cell spanning the frame\'s columns, is read as a paragraph below the table', async () => {
        const after = p(run('填报人：张三'));
        const withBody = (document: Buffer, body: (table: string) => string) => {
            const parts = unzip(document);
            parts['word/document.xml'] = Buffer.from(parts['word/document.xml']!.toString('utf8').replace(/<w:tbl>.*<\/w:tbl>/s, body));
            return zip(parts);
        };
        const spanned = (content: string) => `<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>${content}</w:tc></w:tr>`;
        const plain = await importBytes(withBody(table({}), inner => inner + after));
        const framed = await importBytes(withBody(table({}), inner => '<w:tbl><w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid>'
            + spanned(inner + '<w:p/>') + spanned(after) + '</w:tbl>'));
        expect(framed.model).toEqual(plain.model);
        expect(framed.report.filter(e => e.kind === 'unplaced')).toEqual(plain.report.filter(e => e.kind === 'unplaced'));
        expect(framed.report.filter(e => e.kind === 'unplaced')).toEqual([expect.objectContaining({ where: '正文第2段', text: '填报人：张三' })]);
    });
});

describe('revisions not yet accepted (track changes)', () => {
    const revised = xml(p(
        '<w:del w:id="1" w:author="张三" w:date="2024-03-01T10:00:00Z"><w:r><w:delText>≥10场</w:delText></w:r></w:del>',
        `<w:ins w:id="2" w:author="张三" w:date="2024-03-01T10:00:00Z">${run('≥12场')}</w:ins>`
    ));

    test('are read as accepted, and a note says so, naming the cell with what was inserted and deleted there', async () => {
        const { indicator, notes } = await read(table({ value: revised }));
        expect(indicator.annual?.text).toBe('≥12场');
        expect(notes).toContain('全文 文档中有尚未接受或拒绝的修订（插入 1 处，删除 1 处），位于表1 第5行第6列（删除「≥10场」，插入「≥12场」）：'
            + '按全部接受后的文字读取——插入的文字读入，删除的文字不读。如果修订尚未定稿，请先在 Word 中用「审阅 → 接受/拒绝」处理后再导入。');
    });

    test('in many cells: the first five are named, then how many places in all; a paragraph is named by its number', async () => {
        const title = xml(p(run('示例县科学技术协会'), inserted('2024'), run('年部门整体预算绩效目标申报表')));
        const { notes } = await read(table({
            content: xml(p(run('组织科普'), deleted('宣传'), run('活动。'))), amount: xml(p(deleted('20.00'), inserted('30.00'))),
            goal: xml(p(run('开展科普活动不少于10场'), inserted('，覆盖全县'), run('。'))), name: xml(p(run('开展科普活动场次'), deleted('（次）'))),
            period: xml(p(inserted('≥10场'))), value: revised, satisfaction: xml(p(deleted('≥85%'), inserted('≥90%')))
        }, title));
        expect(notes).toContain('全文 文档中有尚未接受或拒绝的修订（插入 6 处，删除 5 处），位于正文第1段（插入「2024」）、表1 第3行第3列（删除「宣传」）、'
            + '表1 第3行第4列（删除「20.00」，插入「30.00」）、表1 第3行第5列（插入「，覆盖全县」）、表1 第5行第4列（删除「（次）」）等 8 处：'
            + '按全部接受后的文字读取——插入的文字读入，删除的文字不读。如果修订尚未定稿，请先在 Word 中用「审阅 → 接受/拒绝」处理后再导入。');
    });

    test('a table row deleted with track changes is left out, and counted in the note', async () => {
        const parts = unzip(table({}));
        const xml = parts['word/document.xml']!.toString('utf8');
        const last = xml.lastIndexOf('<w:tr>');
        parts['word/document.xml'] = Buffer.from(`${xml.slice(0, last)}<w:tr><w:trPr><w:del w:id="3" w:author="张三" w:date="2024-03-01T10:00:00Z"/></w:trPr>${xml.slice(last + '<w:tr>'.length)}`);
        const { declaration, notes } = await read(zip(parts));
        expect(declaration.indicators[0]!.groups.map(g => g.name)).toEqual(['产出指标']);
        expect(notes).toContainEqual(expect.stringMatching(/^全文 文档中有尚未接受或拒绝的修订（删除表格行 1 行）：按全部接受后的文字读取/));
    });

    test('a document without revisions gets no such note', async () => {
        const { notes } = await read(table({}));
        expect(notes.filter(n => n.includes('修订'))).toEqual([]);
    });
});

describe('hidden text (w:vanish)', () => {
    const note = (where: string, quoted: string) => `${where} 此格中有隐藏文字${quoted}（Word 中默认不显示，也不打印）：按 Word 显示的内容读取，`
        + '未读入这些文字。如果应当读入，请在 Word 中取消其「隐藏」格式后再导入。';

    test('is left out of the cell as Word shows it, and a note names the cell and quotes the text', async () => {
        const { indicator, notes } = await read(table({ value: xml(p(run('≥12'), hidden('（原为≥10场，'), hidden('待定）'), run('场'))) }));
        expect(indicator.annual?.text).toBe('≥12场');
        expect(notes).toContain(note('表1 第5行第6列', '「（原为≥10场，待定）」'));
    });

    test('a long text is quoted shortened, several in one cell each once; a cell all hidden reads as blank', async () => {
        const long = '本项目资金拟由上级补助资金与本级财政拨款共同安排，具体比例待定。';
        const { declaration, notes } = await read(table({
            content: xml(p(run('组织科普活动。'), hidden(long)) + p(hidden('草稿'))),
            amount: xml(p(hidden('30.00')))
        }));
        expect(declaration.tasks[0]!.content).toBe('组织科普活动。');
        expect(declaration.tasks[0]!.amount).toBeNull();
        expect(notes).toContain(note('表1 第3行第3列', `「${Array.from(long).slice(0, 20).join('')}…」（${Array.from(long).length} 字）「草稿」`));
        expect(notes).toContain(note('表1 第3行第4列', '「30.00」'));
    });

    test('only w:vanish that is on hides: turned off, on the paragraph mark, or in a former formatting, the text is read', async () => {
        const markHidden = '<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>' + run('≥1') + '</w:p>';
        const formerlyHidden = '<w:r><w:rPr><w:b/><w:rPrChange w:id="9" w:author="张三"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>2</w:t></w:r>';
        const { indicator, notes } = await read(table({ value: xml(markHidden.replace('</w:p>', formerlyHidden + hidden('场', '<w:vanish w:val="false"/>') + hidden('次', '<w:vanish w:val="1"/>') + '</w:p>')) }));
        expect(indicator.annual?.text).toBe('≥12场');
        expect(notes.filter(n => n.includes('隐藏'))).toEqual([note('表1 第5行第6列', '「次」')]);
    });

    /** The document with a styles part (word/styles.xml) holding the given w:style elements. */
    function withStyles(document: Buffer, styles: string): Buffer {
        const parts = unzip(document);
        const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
        parts['word/styles.xml'] = Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${w}">${styles}</w:styles>`);
        parts['word/_rels/document.xml.rels'] = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>');
        parts['[Content_Types].xml'] = Buffer.from(parts['[Content_Types].xml']!.toString('utf8').replace('</Types>',
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'));
        return zip(parts);
    }
    const style = (type: 'character' | 'paragraph' | 'table', id: string, body: string) => `<w:style w:type="${type}" w:styleId="${id}"><w:name w:val="${id}"/>${body}</w:style>`;
    const styledRun = (id: string, text: string, vanish = '') => `<w:r><w:rPr><w:rStyle w:val="${id}"/>${vanish}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;

    test('hidden by a character style, its own or one it is based on: left out with the same note; a run turning it off is read', async () => {
        const styles = style('character', '批注', '<w:rPr><w:color w:val="FF0000"/><w:vanish/></w:rPr>')
            + style('character', '修改说明', '<w:basedOn w:val="批注"/><w:rPr><w:i/></w:rPr>')
            + style('character', '强调', '<w:rPr><w:b/></w:rPr>');
        const value = xml(p(run('≥12'), styledRun('修改说明', '（原为≥10'), styledRun('批注', '场）'), styledRun('强调', '场'), styledRun('批注', '次', '<w:vanish w:val="0"/>')));
        const { indicator, notes } = await read(withStyles(table({ value }), styles));
        expect(indicator.annual?.text).toBe('≥12场次');
        expect(notes).toContain(note('表1 第5行第6列', '「（原为≥10场）」'));
    });

    const styledParagraph = (id: string, ...runs: string[]) => `<w:p><w:pPr><w:pStyle w:val="${id}"/></w:pPr>${runs.join('')}</w:p>`;

    /** Document defaults that hide, and a default paragraph style that shows. */
    const hidingDefaults = '<w:docDefaults><w:rPrDefault><w:rPr><w:vanish/></w:rPr></w:rPrDefault></w:docDefaults>'
        + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>';

    /** With `styles`, the paragraphs in the style `id` are left out, but for a run that turns hiding off. */
    async function expectHiddenParagraphs(styles: string, id: string) {
        const content = xml(p(run('组织科普活动。')) + styledParagraph(id, run('待定：讲座或展览。')));
        const goal = xml(styledParagraph(id, run('（草稿）'), '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>开展科普活动不少于10场。</w:t></w:r>'));
        const { declaration, notes } = await read(withStyles(table({ content, goal }), styles));
        expect(declaration.tasks[0]!.content).toBe('组织科普活动。');
        expect(declaration.tasks[0]!.expectedGoal).toBe('开展科普活动不少于10场。');
        expect(notes).toContain(note('表1 第3行第3列', '「待定：讲座或展览。」'));
        expect(notes).toContain(note('表1 第3行第5列', '「（草稿）」'));
    }

    test('hidden by a paragraph style: its runs are left out, but for a run that turns hiding off', async () => {
        await expectHiddenParagraphs(style('paragraph', '草稿段落', '<w:rPr><w:vanish/></w:rPr>'), '草稿段落');
    });

    test('hidden by the document defaults: left out unless a style or the run itself turns hiding off', async () => {
        // The default paragraph style shows its text; a paragraph in a style that says nothing is hidden by the defaults.
        await expectHiddenParagraphs(hidingDefaults + style('paragraph', '修改稿', '<w:rPr><w:color w:val="FF0000"/></w:rPr>'), '修改稿');
    });

    test('styles based on each other in a circle are not hidden; a long chain of styles is followed to its end', async () => {
        const circle = style('character', '甲', '<w:basedOn w:val="乙"/>') + style('character', '乙', '<w:basedOn w:val="甲"/>');
        const chain = Array.from({ length: 5000 }, (_, i) => style('character', `s${i}`, i === 4999 ? '<w:rPr><w:vanish/></w:rPr>' : `<w:basedOn w:val="s${i + 1}"/>`)).join('');
        const value = xml(p(run('≥12'), styledRun('甲', '场'), styledRun('s0', '次')));
        const { indicator, notes } = await read(withStyles(table({ value }), circle + chain));
        expect(indicator.annual?.text).toBe('≥12场');
        expect(notes).toContain(note('表1 第5行第6列', '「次」'));
    });

    test('hiding said by both the paragraph style and the character style cancels, as Word shows it; said by the run, it holds', async () => {
        const styles = style('paragraph', '草稿段落', '<w:rPr><w:vanish/></w:rPr>') + style('character', '批注', '<w:rPr><w:vanish/></w:rPr>');
        const value = xml(styledParagraph('草稿段落', styledRun('批注', '≥12场'), run('（原为≥10场）'), styledRun('批注', '（待定）', '<w:vanish/>')));
        const { indicator, notes } = await read(withStyles(table({ value }), styles));
        expect(indicator.annual?.text).toBe('≥12场');
        expect(notes).toContain(note('表1 第5行第6列', '「（原为≥10场）（待定）」'));
        // Under document defaults that hide, styles that both hide do not cancel: the defaults decide.
        const underDefaults = await read(withStyles(table({ value: xml(p(run('≥12场')) + styledParagraph('草稿段落', styledRun('批注', '（原为≥10场）'))) }), hidingDefaults + styles));
        expect(underDefaults.indicator.annual?.text).toBe('≥12场');
    });

    test('hidden by a table style: a table in a cell is left out, but for a paragraph whose style hides too (the two cancel)', async () => {
        const styles = style('table', '草稿表格', '<w:rPr><w:vanish/></w:rPr><w:tblPr><w:tblBorders/></w:tblPr>')
            + style('paragraph', '草稿段落', '<w:rPr><w:vanish/></w:rPr>');
        const nested = '<w:tbl><w:tblPr><w:tblStyle w:val="草稿表格"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="800"/><w:gridCol w:w="800"/></w:tblGrid>'
            + `<w:tr><w:tc>${styledParagraph('草稿段落', run('讲座'))}</w:tc><w:tc>${p(run('10场'))}</w:tc></w:tr></w:tbl>`;
        const { declaration, notes } = await read(withStyles(table({ content: xml(p(run('组织科普活动：')) + nested + '<w:p/>') }), styles));
        expect(declaration.tasks[0]!.content).toBe('组织科普活动：\n讲座');
        expect(notes).toContain(note('表1 第3行第3列', '「10场」'));
    });

    /** A table in the 主要实施内容 cell, in the table style `id`, with the look `look` (a w:tblLook, or none), of rows of cells. */
    const styledTable = (id: string, look: string, rows: string[][], rowProperties = (_row: number) => '') =>
        `<w:tbl><w:tblPr><w:tblStyle w:val="${id}"/><w:tblW w:w="0" w:type="auto"/>${look}</w:tblPr><w:tblGrid>${'<w:gridCol w:w="800"/>'.repeat(rows[0]!.length)}</w:tblGrid>`
        + rows.map((cells, r) => `<w:tr>${rowProperties(r)}${cells.map(text => `<w:tc>${p(run(text))}</w:tc>`).join('')}</w:tr>`).join('') + '</w:tbl>';
    /** The 主要实施内容 cell holding the table, read with the styles, and the hidden-text notes. */
    async function readTable(styles: string, table: string) {
        const { declaration, notes } = await read(withStyles(table_({ content: xml(p(run('活动：')) + table + '<w:p/>') }), styles));
        return { content: declaration.tasks[0]!.content, hidden: notes.filter(n => n.includes('隐藏文字')).map(n => n.replace(/^表1 第3行第3列 此格中有隐藏文字(.*)（Word 中默认不显示.*$/, '$1')) };
    }
    const table_ = table;
    const look = (attributes: string) => `<w:tblLook ${attributes}/>`;
    const wordLook = (firstRow: number, lastRow: number, firstColumn: number, lastColumn: number, noHBand: number, noVBand: number) =>
        look(`w:val="04A0" w:firstRow="${firstRow}" w:lastRow="${lastRow}" w:firstColumn="${firstColumn}" w:lastColumn="${lastColumn}" w:noHBand="${noHBand}" w:noVBand="${noVBand}"`);
    const rows = [['项目', '场次'], ['讲座', '10场'], ['展览', '2场']];

    test('hidden by the table style\'s first-row formatting: left out when the table\'s look applies it, read when it does not', async () => {
        const styles = style('table', '草稿表格', '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:vanish/></w:rPr></w:tblStylePr>');
        const shown = { content: '活动：\n项目 场次\n讲座 10场\n展览 2场', hidden: [] };
        const hidden = { content: '活动：\n讲座 10场\n展览 2场', hidden: ['「项目」「场次」'] };
        expect(await readTable(styles, styledTable('草稿表格', wordLook(1, 0, 1, 0, 0, 1), rows))).toEqual(hidden);
        expect(await readTable(styles, styledTable('草稿表格', wordLook(0, 0, 1, 0, 0, 1), rows))).toEqual(shown);
        // No look: Word applies the first row and first column (04A0); only the older bitmask: as it says.
        expect(await readTable(styles, styledTable('草稿表格', '', rows))).toEqual(hidden);
        expect(await readTable(styles, styledTable('草稿表格', look('w:val="0020"'), rows))).toEqual(hidden);
        expect(await readTable(styles, styledTable('草稿表格', look('w:val="0000"'), rows))).toEqual(shown);
        // The bitmask is not read when the attributes are there.
        expect(await readTable(styles, styledTable('草稿表格', look('w:val="0020" w:firstRow="0"'), rows))).toEqual(shown);
        // A former look (track changes: w:tblPrChange) no longer applies: the table has none, and Word applies the first row.
        const formerLook = `<w:tblPrChange w:id="5" w:author="张三"><w:tblPr>${wordLook(0, 0, 0, 0, 1, 1)}</w:tblPr></w:tblPrChange>`;
        expect(await readTable(styles, styledTable('草稿表格', formerLook, rows))).toEqual(hidden);
        // Rows repeated as header rows (w:tblHeader) under the first are first rows too.
        const header = (row: number) => row === 1 ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
        expect(await readTable(styles, styledTable('草稿表格', '', rows, header))).toEqual({ content: '活动：\n展览 2场', hidden: ['「项目」「场次」「讲座」「10场」'] });
    });

    test('conditional formats override the whole table and each other in Word\'s order: banded rows, first column, first row, a corner', async () => {
        const styles = style('table', '草稿表格', '<w:rPr><w:vanish/></w:rPr><w:tblPr><w:tblStyleRowBandSize w:val="1"/></w:tblPr>'
            + '<w:tblStylePr w:type="band1Horz"><w:rPr><w:vanish w:val="0"/></w:rPr></w:tblStylePr>'
            + '<w:tblStylePr w:type="firstCol"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>'
            + '<w:tblStylePr w:type="nwCell"><w:rPr><w:vanish w:val="0"/></w:rPr></w:tblStylePr>'
            + '<w:tblStylePr w:type="firstRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>');
        const four = [['甲', '乙', '丙'], ['一', '1', '2'], ['二', '3', '4'], ['三', '5', '6'], ['四', '7', '8']];
        // Rows 2 and 4 are the first band (counted below the header row), the others hidden by the whole table; the first
        // column hidden but in its top cell, which the corner shows over the first row.
        expect(await readTable(styles, styledTable('草稿表格', wordLook(1, 0, 1, 0, 0, 1), four))).toEqual({
            content: '活动：\n甲\n1 2\n5 6', hidden: ['「乙」「丙」「一」「二」「3」「4」「三」「四」「7」「8」']
        });
        // Without banded rows, the first column or the first row: the whole table hides all but what the look leaves.
        expect(await readTable(styles, styledTable('草稿表格', wordLook(1, 0, 0, 0, 1, 1), four))).toEqual({
            content: '活动：', hidden: ['「甲」「乙」「丙」「一」「1」「2」「二」「3」「4」「三」「5」「6」「四」「7」「8」']
        });
    });

    test('the last row, the last column and banded columns, by the style\'s band size; a style without a band size bands nothing', async () => {
        const parts = '<w:tblStylePr w:type="lastRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>'
            + '<w:tblStylePr w:type="lastCol"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>'
            + '<w:tblStylePr w:type="band2Vert"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>';
        const styles = style('table', '草稿表格', parts + '<w:tblPr><w:tblStyleColBandSize w:val="2"/></w:tblPr>') + style('table', '无带宽', parts);
        const grid = [['a', 'b', 'c', 'd', 'e', 'f'], ['g', 'h', 'i', 'j', 'k', 'l']];
        // Columns 3–4 are the second band of two; column 6 the last, row 2 the last.
        expect(await readTable(styles, styledTable('草稿表格', wordLook(0, 1, 0, 1, 1, 0), grid))).toEqual({
            content: '活动：\na b e', hidden: ['「c」「d」「f」「g」「h」「i」「j」「k」「l」']
        });
        expect(await readTable(styles, styledTable('无带宽', wordLook(0, 0, 0, 1, 1, 0), grid))).toEqual({
            content: '活动：\na b c d e\ng h i j k', hidden: ['「f」「l」']
        });
    });

    test('a conditional format is inherited through w:basedOn and overridden by the style based on it; with a paragraph style that hides it cancels', async () => {
        const styles = style('table', '草稿表格', '<w:tblStylePr w:type="firstRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>')
            + style('table', '继承', '<w:basedOn w:val="草稿表格"/><w:rPr><w:b/></w:rPr>')
            + style('table', '改写', '<w:basedOn w:val="草稿表格"/><w:tblStylePr w:type="firstRow"><w:rPr><w:vanish w:val="0"/></w:rPr></w:tblStylePr>')
            + style('paragraph', '草稿段落', '<w:rPr><w:vanish/></w:rPr>');
        expect(await readTable(styles, styledTable('继承', '', rows))).toEqual({ content: '活动：\n讲座 10场\n展览 2场', hidden: ['「项目」「场次」'] });
        expect(await readTable(styles, styledTable('改写', '', rows))).toEqual({ content: '活动：\n项目 场次\n讲座 10场\n展览 2场', hidden: [] });
        const withParagraphStyle = styledTable('继承', '', rows).replace('<w:p><w:r><w:t xml:space="preserve">项目', '<w:p><w:pPr><w:pStyle w:val="草稿段落"/></w:pPr><w:r><w:t xml:space="preserve">项目');
        expect(await readTable(styles, withParagraphStyle)).toEqual({ content: '活动：\n项目\n讲座 10场\n展览 2场', hidden: ['「场次」'] });
    });

    test('the imported table\'s first row hidden by its style\'s first-row formatting: left out with a note; with the look off, read', async () => {
        const styles = style('table', '申报表', '<w:tblStylePr w:type="firstRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>');
        const remark = '（内部审核稿：金额待财政核定）';
        const withFirstRow = (firstRow: number) => {
            const parts = unzip(table({}));
            parts['word/document.xml'] = Buffer.from(parts['word/document.xml']!.toString('utf8')
                .replace('<w:tbl>', `<w:tbl><w:tblPr><w:tblStyle w:val="申报表"/>${wordLook(firstRow, 0, 1, 0, 0, 1)}</w:tblPr>`)
                .replace('<w:tr>', `<w:tr><w:tc><w:tcPr><w:gridSpan w:val="6"/></w:tcPr>${p(run(remark))}</w:tc></w:tr><w:tr>`));
            return withStyles(zip(parts), styles);
        };
        const hidden = await importBytes(withFirstRow(1));
        expect(hidden.model).toEqual((await importBytes(table({}))).model);
        expect(hidden.report.map(entry => `${entry.where} ${entry.message}`)).toEqual([note('表1 第1行第1–6列', `「${remark}」`)]);
        const shown = await importBytes(withFirstRow(0));
        expect(shown.report).toEqual([expect.objectContaining({ kind: 'unplaced', text: remark })]);
    });

    test('a row\'s own look (w:tblPrEx) decides which conditional formats its cells take; a former one (w:tblPrExChange) no longer applies', async () => {
        const styles = style('table', '草稿表格', '<w:tblStylePr w:type="firstRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>'
            + '<w:tblStylePr w:type="lastRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>');
        const exception = (properties: string) => `<w:tblPrEx>${properties}</w:tblPrEx>`;
        // The table applies the first row, not the last; the first row's own look turns the first row off, the last
        // row's turns the last row on, a middle row's exception without a look leaves the table's.
        const own = (row: number) => exception([wordLook(0, 0, 1, 0, 0, 1), '<w:tblW w:w="0" w:type="auto"/>', wordLook(0, 1, 1, 0, 0, 1)][row]!);
        expect(await readTable(styles, styledTable('草稿表格', wordLook(1, 0, 1, 0, 0, 1), rows, own))).toEqual({
            content: '活动：\n项目 场次\n讲座 10场', hidden: ['「展览」「2场」']
        });
        const former = (row: number) => row === 0 ? exception(`<w:tblPrExChange w:id="8" w:author="张三"><w:tblPrEx>${wordLook(0, 0, 1, 0, 0, 1)}</w:tblPrEx></w:tblPrExChange>`) : '';
        expect(await readTable(styles, styledTable('草稿表格', wordLook(1, 0, 1, 0, 0, 1), rows, former))).toEqual({
            content: '活动：\n讲座 10场\n展览 2场', hidden: ['「项目」「场次」']
        });
    });

    test('Word\'s record of the conditional formats (w:cnfStyle on a row, cell or paragraph) is not what decides: the table\'s look and the cell\'s place do', async () => {
        const styles = style('table', '草稿表格', '<w:tblStylePr w:type="firstRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>');
        // A record left stale by another program: the first row said to be none, the second said to be the first.
        const stale = styledTable('草稿表格', wordLook(1, 0, 1, 0, 0, 1), rows)
            .replace(/<w:tr>(<w:tc>)(<w:p>)(?=<w:r><w:t xml:space="preserve">项目)/, '<w:tr><w:trPr><w:cnfStyle w:val="000000000000" w:firstRow="0"/></w:trPr><w:tc><w:tcPr><w:cnfStyle w:val="000000000000"/></w:tcPr><w:p><w:pPr><w:cnfStyle w:val="000000000000"/></w:pPr>')
            .replace(/<w:tr>(<w:tc>)(<w:p>)(?=<w:r><w:t xml:space="preserve">讲座)/, '<w:tr><w:trPr><w:cnfStyle w:val="100000000000" w:firstRow="1"/></w:trPr><w:tc><w:tcPr><w:cnfStyle w:val="100000000000" w:firstRow="1"/></w:tcPr><w:p><w:pPr><w:cnfStyle w:firstRow="1"/></w:pPr>');
        expect(stale).toContain('w:cnfStyle w:val="100000000000" w:firstRow="1"/></w:tcPr>');
        expect(await readTable(styles, stale)).toEqual({ content: '活动：\n讲座 10场\n展览 2场', hidden: ['「项目」「场次」'] });
    });

    test('a look in the table style (w:style/w:tblPr/w:tblLook) is not the table\'s: Word does not read it, and a table without a look takes 04A0', async () => {
        const styles = style('table', '草稿表格', `<w:tblPr>${wordLook(0, 0, 0, 0, 1, 1)}</w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>`)
            + style('table', '继承', `<w:basedOn w:val="草稿表格"/><w:tblPr>${wordLook(0, 0, 0, 0, 1, 1)}</w:tblPr>`);
        const hidden = { content: '活动：\n讲座 10场\n展览 2场', hidden: ['「项目」「场次」'] };
        expect(await readTable(styles, styledTable('草稿表格', '', rows))).toEqual(hidden);
        expect(await readTable(styles, styledTable('继承', '', rows))).toEqual(hidden);
    });

    test('bands of more than three rows or columns: band 1 and band 2 alternate in groups of the band size, the header, total, first and last excluded', async () => {
        const styles = style('table', '四行一带', '<w:tblPr><w:tblStyleRowBandSize w:val="4"/></w:tblPr><w:tblStylePr w:type="band2Horz"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>')
            // Based on it, with the band size inherited; band 1 hidden instead.
            + style('table', '继承带宽', '<w:basedOn w:val="四行一带"/><w:tblStylePr w:type="band1Horz"><w:rPr><w:vanish/></w:rPr></w:tblStylePr><w:tblStylePr w:type="band2Horz"><w:rPr><w:vanish w:val="0"/></w:rPr></w:tblStylePr>')
            + style('table', '五列一带', '<w:tblPr><w:tblStyleColBandSize w:val="5"/></w:tblPr><w:tblStylePr w:type="band2Vert"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>');
        // A header row, a row repeated as a header under it, ten rows, a total row.
        const tall = [['表头'], ['续表头'], ...Array.from({ length: 10 }, (_, i) => [`第${i + 1}`]), ['合计']];
        const header = (row: number) => row === 1 ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
        expect(await readTable(styles, styledTable('四行一带', wordLook(1, 1, 0, 0, 0, 1), tall, header))).toEqual({
            content: '活动：\n表头\n续表头\n第1\n第2\n第3\n第4\n第9\n第10\n合计', hidden: ['「第5」「第6」「第7」「第8」']
        });
        expect(await readTable(styles, styledTable('继承带宽', wordLook(1, 1, 0, 0, 0, 1), tall, header))).toEqual({
            content: '活动：\n表头\n续表头\n第5\n第6\n第7\n第8\n合计', hidden: ['「第1」「第2」「第3」「第4」「第9」「第10」']
        });
        // Without the header and total rows in the look, they are banded too: of the 13 rows, 1–4 are band 1, 5–8
        // band 2, 9–12 band 1, and the total row band 2.
        expect(await readTable(styles, styledTable('四行一带', wordLook(0, 0, 0, 0, 0, 1), tall, header))).toEqual({
            content: '活动：\n表头\n续表头\n第1\n第2\n第7\n第8\n第9\n第10', hidden: ['「第3」「第4」「第5」「第6」「合计」']
        });
        const wide = [Array.from({ length: 12 }, (_, i) => `c${i + 1}`)];
        expect(await readTable(styles, styledTable('五列一带', wordLook(0, 0, 1, 1, 1, 0), wide))).toEqual({
            content: '活动：\nc1 c2 c3 c4 c5 c6 c12', hidden: ['「c7」「c8」「c9」「c10」「c11」']
        });
    });

    test('first and last column and column bands by the cell\'s place in its row: grid columns a row skips are no cells, a merged cell is one', async () => {
        const styles = style('table', '草稿表格', '<w:tblPr><w:tblStyleColBandSize w:val="1"/></w:tblPr>'
            + '<w:tblStylePr w:type="band2Vert"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>'
            + '<w:tblStylePr w:type="firstCol"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>'
            + '<w:tblStylePr w:type="lastCol"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>');
        const cell = (text: string, properties = '') => `<w:tc>${properties && `<w:tcPr>${properties}</w:tcPr>`}${p(run(text))}</w:tc>`;
        const tr = (cells: string[], properties = '') => `<w:tr>${properties && `<w:trPr>${properties}</w:trPr>`}${cells.join('')}</w:tr>`;
        const body = [
            tr(['a', 'b', 'c', 'd', 'e', 'f'].map(text => cell(text))),
            // Skips a grid column before and one after: its first cell is the first column, its last the last.
            tr(['g', 'h', 'i', 'j'].map(text => cell(text)), '<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'),
            // A cell merged across three grid columns is one cell, the next in band 1.
            tr([cell('k'), cell('l', '<w:gridSpan w:val="3"/>'), cell('m'), cell('n')]),
            // A cell merged with the one above (w:vMerge) is a cell of its row.
            tr([cell('o'), cell('', '<w:vMerge/>'), cell('p'), cell('q'), cell('r'), cell('s')])
        ];
        const merged = styledTable('草稿表格', wordLook(0, 0, 1, 1, 1, 0), [['']]).replace(/<w:tblGrid>.*<\/w:tbl>/, `<w:tblGrid>${'<w:gridCol w:w="800"/>'.repeat(6)}</w:tblGrid>${body.join('')}</w:tbl>`);
        const { content, hidden } = await readTable(styles, merged);
        expect(content!.split('\n').map(line => line.trim())).toEqual(['活动：', 'b d', 'h', 'l', 'q']);
        expect(hidden).toEqual(['「a」「c」「e」「f」「g」「i」「j」「k」「m」「n」「o」「p」「r」「s」']);
    });

    test('a style or look named only in a former formatting (track changes: w:pPrChange, w:tblPrChange) no longer applies', async () => {
        const styles = style('paragraph', '草稿段落', '<w:rPr><w:vanish/></w:rPr>') + style('table', '草稿表格', '<w:rPr><w:vanish/></w:rPr>');
        const formerly = (properties: string) => `<w:pPrChange w:id="6" w:author="张三"><w:pPr>${properties}</w:pPr></w:pPrChange>`;
        const paragraph = `<w:p><w:pPr><w:jc w:val="left"/>${formerly('<w:pStyle w:val="草稿段落"/>')}</w:pPr>${run('讲座')}</w:p>`;
        const formerTable = styledTable('草稿表格', '', [['展览']]).replace('<w:tblStyle w:val="草稿表格"/>', '<w:tblW w:w="0" w:type="auto"/><w:tblPrChange w:id="7" w:author="张三"><w:tblPr><w:tblStyle w:val="草稿表格"/></w:tblPr></w:tblPrChange>');
        expect(await readTable(styles, paragraph + formerTable)).toEqual({ content: '活动：\n讲座\n展览', hidden: [] });
    });

    test('in a paragraph outside the table: the paragraph is named', async () => {
        const title = xml(p(run('示例县科学技术协会2024年部门整体预算绩效目标申报表'), hidden('（第二稿）')));
        const { declaration, notes } = await read(table({}, title));
        expect(declaration.title).toBe('示例县科学技术协会2024年部门整体预算绩效目标申报表');
        expect(notes).toContain(note('正文第1段', '「（第二稿）」').replace('此格中', '此段中'));
    });
});
