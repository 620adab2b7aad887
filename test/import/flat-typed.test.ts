import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importBytes } from '../../language/import/import.js';
import { compiled, modelDifferences, withoutYearNote } from './helpers.js';

// A 项目支出 绩效指标 cell typed by hand rather than pasted from the finance system: a space after 「；」, a half-width
// 「;」 between the indicators or between their fields, items numbered 「1.」, or in full-width digits 「１．」. The meaning
// is plain, so every indicator is read, with one note at the cell saying what was read otherwise than written. The
// official form (RULES §6.1, what jxmb writes) gets no such note; text still unreadable stays reported as not placed.

const items = [
    '1、1-产出指标；11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次。',
    '2、1-产出指标；12-质量指标；活动验收合格率；实施周期指标值:≥95%；年度指标值:≥95%。',
    '3、2-效益指标；22-社会效益；科普受益人次；实施周期指标值:≥2万人次；年度指标值:≥2万人次。',
    '4、3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:≥90%；年度指标值:≥90%。'
];

const expected = `
项目支出 "示例区科学技术协会" {
    合计 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
    单位 "示例区科学技术协会" {
        资金 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
        项目 "科普活动经费" {
            资金 { 总计 100.00 财政拨款 100.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "全年开展科普活动不少于20场次。"
            绩效指标 {
                产出指标 {
                    数量指标 { "开展科普活动场次"：≥20场次 }
                    质量指标 { "活动验收合格率"：≥95% }
                }
                效益指标 { 社会效益 { "科普受益人次"：≥2万人次 } }
                满意度指标 { 服务对象满意度 { "服务对象满意度"：≥90% } }
            }
        }
    }
}`;

/** A 项目支出 sheet with the official header and `rows` under it. */
async function sheet(rows: Array<Array<string | number | null>>): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('项目');
    const all = [
        ['部门名称：示例区科学技术协会', null, null, null, null, null, '单位：万元'],
        ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'],
        ...rows
    ];
    all.forEach((row, r) => row.forEach((value, c) => { if (value !== null) ws.getCell(r + 1, c + 1).value = value; }));
    return Buffer.from(await book.xlsx.writeBuffer());
}

/** One project, 科普活动经费, with `indicators` as its 绩效指标 cell (G5). */
function projectSheet(indicators: string): Promise<Buffer> {
    return sheet([
        ['合计', 100, 100, null, null, null, null],
        ['示例区科学技术协会', 100, 100, null, null, null, null],
        ['科普活动经费', 100, 100, null, null, '全年开展科普活动不少于20场次。', indicators]
    ]);
}

const FULL_WIDTH = (text: string) => text.replace(/[0-9]/g, d => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('a 绩效指标 cell typed by hand', () => {
    test.each([
        ['a space after every 「；」', items.map(item => item.replace(/；/g, '； ')).join(''), '「；」前后的空格未计入'],
        ['a full-width space after every 「；」', items.map(item => item.replace(/；/g, '；\u3000')).join(''), '「；」前后的空格未计入'],
        ['a half-width 「;」 between the indicators', items.map(item => item.replace(/。$/, ';')).join(''), '项末的「;」读作「。」'],
        ['a half-width 「;」 between the indicators and a space', items.map(item => item.replace(/。$/, '; ')).join(''), '项末的「;」读作「。」'],
        ['a 「；」 between the indicators', items.map(item => item.replace(/。$/, '；')).join(''), '项末的「；」读作「。」'],
        ['half-width 「;」 everywhere', items.map(item => item.replace(/[；。]/g, ';')).join(''), '半角「;」读作「；」'],
        ['items numbered 「1.」', items.map(item => item.replace(/^(\d)、/, '$1.')).join(''), '编号「1.」读作「1、」'],
        ['items numbered 「1. 」 one a line', items.map(item => item.replace(/^(\d)、/, '$1. ')).join('\n'), '编号「1.」读作「1、」'],
        ['items numbered 「１．」', items.map(item => item.replace(/^(\d)、/, (_, d: string) => `${FULL_WIDTH(d)}．`)).join(''), '编号「１．」读作「1、」'],
        ['items numbered 「１、」', items.map(item => item.replace(/^(\d)、/, (_, d: string) => `${FULL_WIDTH(d)}、`)).join(''), '编号「１、」读作「1、」'],
        ['codes in full-width digits', items.map(item => item.replace(/^(\d)、(\d)-(.*?)；(\d\d)-/, (_, s: string, a: string, l1: string, b: string) => `${s}、${FULL_WIDTH(a)}-${l1}；${FULL_WIDTH(b)}-`)).join(''), '编码「１-」读作「1-」'],
        ['a full-width hyphen after the codes', items.map(item => item.replace(/^(\d)、(\d)-(.*?)；(\d\d)-/, '$1、$2－$3；$4－')).join(''), '编码「1－」读作「1-」'],
        ['a dash after the codes', items.map(item => item.replace(/^(\d)、(\d)-(.*?)；(\d\d)-/, '$1、$2—$3；$4—')).join(''), '编码「1—」读作「1-」'],
        ['a space before the 「:」 of the values', items.map(item => item.replace(/指标值:/g, '指标值 :')).join(''), '「实施周期指标值 :」读作「实施周期指标值:」'],
        ['a space before a 「：」 of the values', items.map(item => item.replace(/年度指标值:/g, '年度指标值 ：')).join(''), '「年度指标值 ：」读作「年度指标值：」'],
        ['items numbered 「1）」', items.map(item => item.replace(/^(\d)、/, '$1）')).join(''), '编号「1）」读作「1、」'],
        ['items numbered 「(1)」', items.map(item => item.replace(/^(\d)、/, '($1) ')).join(''), '编号「(1)」读作「1、」'],
        ['items numbered 「（1）」 one a line', items.map(item => item.replace(/^(\d)、/, '（$1）')).join('\n'), '编号「（1）」读作「1、」']
    ])('%s: every indicator placed, one note at the cell', async (_, cell, said) => {
        const result = await importBytes(await projectSheet(cell));
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        const notes = withoutYearNote(result.report).map(e => `${e.where} ${e.message}`);
        expect(notes).toHaveLength(1);
        expect(notes[0]).toMatch(/^项目!G5 绩效指标字符串的写法与规范/);
        expect(notes[0]).toContain(said);
    });

    test('several variants in one cell are named in its one note', async () => {
        const cell = '1. 1-产出指标； 11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次;'
            + '２．1-产出指标；12-质量指标；活动验收合格率；实施周期指标值:≥95%；年度指标值:≥95%。' + items.slice(2).join('');
        const result = await importBytes(await projectSheet(cell));
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        const notes = withoutYearNote(result.report).map(e => `${e.where} ${e.message}`);
        expect(notes).toEqual([
            '项目!G5 绩效指标字符串的写法与规范（「1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。」）不同，按其意思读取：'
            + '编号「1.」读作「1、」（2 处，如第 1 项）；「；」前后的空格未计入（第 1 项）；项末的「;」读作「。」（第 1 项）。'
        ]);
    });

    test('the official form gets no note', async () => {
        const result = await importBytes(await projectSheet(items.join('')));
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        expect(withoutYearNote(result.report)).toEqual([]);
    });

    test('an item still unreadable is reported as not placed in the words the user typed; the others are read', async () => {
        const unreadable = '2、1-产出类指标； 12-质量指标；活动验收合格率； 实施周期指标值 :≥95%;年度指标值:≥95%;';
        const cell = '1. 1-产出指标；11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次。'
            + unreadable + items.slice(2).map(item => item.replace(/^(\d)、/, '$1.')).join('');
        const result = await importBytes(await projectSheet(cell));
        const unplaced = result.report.filter(e => e.kind === 'unplaced');
        expect(unplaced).toEqual([expect.objectContaining({ where: '项目!G5', text: unreadable })]);
        const indicators = result.model.declarations.flatMap(d => d.kind === 'project' ? d.spendingUnits.flatMap(u => u.projects.flatMap(p => p.indicators)) : []);
        const names = indicators.flatMap(list => list.groups.flatMap(g => g.blocks.flatMap(b => b.indicators.map(i => i.name))));
        expect(names).toEqual(['开展科普活动场次', '科普受益人次', '服务对象满意度']);
    });

    test('an item numbered 「2.」 whose 一级 is not known is reported, not read into the 年度 value of the item before', async () => {
        const unreadable = '2. 1-产出类指标；12-质量指标；活动验收合格率；实施周期指标值:≥95%；年度指标值:≥95%。';
        const cell = '1. 1-产出指标；11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次。'
            + unreadable + items.slice(2).map(item => item.replace(/^(\d)、/, '$1.')).join('');
        const result = await importBytes(await projectSheet(cell));
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([expect.objectContaining({ where: '项目!G5', text: unreadable })]);
        const indicators = result.model.declarations.flatMap(d => d.kind === 'project' ? d.spendingUnits.flatMap(u => u.projects.flatMap(p => p.indicators)) : []);
        const values = indicators.flatMap(list => list.groups.flatMap(g => g.blocks.flatMap(b => b.indicators.map(i => `${i.name} ${i.annual?.text}`))));
        expect(values).toEqual(['开展科普活动场次 ≥20场次', '科普受益人次 ≥2万人次', '服务对象满意度 ≥90%']);
    });

    test('an item whose 二级 is not known is reported in the words the user typed', async () => {
        const unknown = '2. 1-产出指标； 19-质量类；活动验收合格率；实施周期指标值 :≥95%；年度指标值:≥95%;';
        const cell = '1. 1-产出指标；11-数量指标；开展科普活动场次；实施周期指标值:≥20场次；年度指标值:≥20场次。'
            + unknown + items.slice(2).map(item => item.replace(/^(\d)、/, '$1.')).join('');
        const result = await importBytes(await projectSheet(cell));
        const unplaced = result.report.filter(e => e.kind === 'unplaced');
        expect(unplaced).toEqual([expect.objectContaining({ where: '项目!G5', text: unknown })]);
    });
});

// The same string split over rows (Q3) or typed into the 绩效目标 column is recognised as the official one is.
describe('a 绩效指标 string typed by hand, where the table puts it', () => {
    const typed = items.map(item => item.replace(/^(\d)、/, '$1.'));
    const second = `
        项目 "青少年科技教育经费" {
            资金 { 总计 50.00 财政拨款 50.00 财政专户拨款 空 其他资金 空 }
            绩效目标 "组织青少年科技教育活动。"
            绩效指标 {
                产出指标 {
                    数量指标 { "开展科普活动场次"：≥20场次 }
                    质量指标 { "活动验收合格率"：≥95% }
                }
                效益指标 { 社会效益 { "科普受益人次"：≥2万人次 } }
                满意度指标 { 服务对象满意度 { "服务对象满意度"：≥90% } }
            }
        }`;

    test('a nameless row starting a list numbered 「1.」 is the head of the next project', async () => {
        const joined = typed.join('');
        const cut = joined.indexOf('科普受益') + 2;
        const result = await importBytes(await sheet([
            ['合计', 150, 150, null, null, null, null],
            ['示例区科学技术协会', 150, 150, null, null, null, null],
            ['科普活动经费', 100, 100, null, null, '全年开展科普活动不少于20场次。', items.join('')],
            [null, null, null, null, null, null, joined.slice(0, cut)],
            ['青少年科技教育经费', 50, 50, null, null, '组织青少年科技教育活动。', joined.slice(cut)]
        ]));
        const want = expected.replace(/100\.00/g, '150.00').replace(/(项目 "科普活动经费" \{\n\s*资金 \{ 总计 )150\.00 财政拨款 150\.00/, '$1100.00 财政拨款 100.00')
            .replace(/\n    }\n}$/, `${second}\n    }\n}`);
        expect(modelDifferences(result.model, await compiled(want))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
        expect(result.report.map(e => e.message).join('\n')).toContain('内容是下一项目「青少年科技教育经费」单元格的开头');
    });

    // The review report's places (check --report) come from these origins: a finding on the 4th item must send the
    // user to the row that holds it, though its 三级 name is also its 二级, written in the row before.
    test('a string numbered 「1.」 split over two rows: each item points at the row that holds it', async () => {
        const joined = typed.join('');
        const cut = joined.indexOf('服务对象满意度；服务对象满意度') + '服务对象满意度；'.length;
        const result = await importBytes(await sheet([
            ['合计', 100, 100, null, null, null, null],
            ['示例区科学技术协会', 100, 100, null, null, null, null],
            ['科普活动经费', 100, 100, null, null, '全年开展科普活动不少于20场次。', joined.slice(0, cut)],
            [null, null, null, null, null, null, joined.slice(cut)]
        ]));
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        const d = result.model.declarations[0]!;
        if (d.kind !== 'project') throw new Error('not a 项目支出 table');
        const places = d.spendingUnits[0]!.projects[0]!.indicators[0]!.groups.flatMap(group => group.blocks)
            .flatMap(block => block.indicators).map(indicator => ['', 'name', 'period', 'annual']
                .map(field => result.origins.get(indicator, field)?.cell.where).join(' '));
        expect(places).toEqual([
            '项目!G5 项目!G5 项目!G5 项目!G5',
            '项目!G5 项目!G5 项目!G5 项目!G5',
            '项目!G5 项目!G5 项目!G5 项目!G5',
            '项目!G6 项目!G6 项目!G6 项目!G6'
        ]);
    });

    test.each([['1.', '$1.'], ['（1）', '（$1）']])('a string numbered 「%s」 in the 绩效目标 column, the 绩效指标 column empty, is read as the indicators', async (_, numbering) => {
        const result = await importBytes(await sheet([
            ['合计', 100, 100, null, null, null, null],
            ['示例区科学技术协会', 100, 100, null, null, null, null],
            ['科普活动经费', 100, 100, null, null, items.map(item => item.replace(/^(\d)、/, numbering)).join(''), null]
        ]));
        expect(modelDifferences(result.model, await compiled(expected.replace(/\n *绩效目标 .*/, '')))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });
});

// Typed in Excel one item a line (Alt+Enter), or with a space after each 「。」: the white space between the numbered
// items separates them, as it does for a reader of the table; it is not part of the 年度 value.
describe('white space between the items of a 绩效指标 cell', () => {
    test.each([
        ['a line break', '\n'],
        ['a Windows line break', '\r\n'],
        ['a space', ' '],
        ['a full-width space', '\u3000'],
        ['a line break and an indent', '\n  ']
    ])('%s after each 「。」: four indicators, each with its own 年度 value, nothing unplaced', async (_, space) => {
        const result = await importBytes(await projectSheet(items.join(space) + space));
        expect(modelDifferences(result.model, await compiled(expected))).toEqual([]);
        expect(result.report.filter(e => e.kind === 'unplaced')).toEqual([]);
    });
});
