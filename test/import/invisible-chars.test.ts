import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseAndValidate } from '../../language/documents.js';
import { importBytes, renderImport } from '../../language/import/import.js';
import { SourceMap } from '../../language/review/places.js';
import { jxmb } from '../helpers/services.js';
import { departmentSheet, docx, type DocxCell } from './helpers.js';

// Cells holding characters nobody sees (zero-width space, direction override …). A name or text keeps them — the
// reviewer gets the value the table holds — and the check text/invisible-char names them at their cell. A cell that
// reads as a word of the form, an amount or a value form is read without them (else it would not be recognised at
// all), with a note at the cell. Written as escapes: raw, they would hide what the test is about.

const ZWSP = '\u200b';
const RLO = '\u202e';


/** The import, the generated .jxmb's text/invisible-char findings, each with the cell the reviewer's report names. */
async function imported(bytes: Buffer) {
    const result = await importBytes(bytes, { year: 2024 });
    const { document, diagnostics } = await parseAndValidate(jxmb(), renderImport(result, 'test'));
    const map = SourceMap.of(document, result.model, result.origins);
    const findings = diagnostics.filter(d => d.code === 'text/invisible-char')
        .map((d: Diagnostic) => `${map.originOf(d.range)?.cell.where ?? '?'} ${String(d.message).slice(0, String(d.message).indexOf('含'))}`);
    const notes = result.report.filter(e => e.kind === 'note').map(e => `${e.where} ${e.message}`);
    const unplaced = result.report.filter(e => e.kind === 'unplaced');
    const declaration = result.model.declarations[0]!;
    if (declaration.kind !== 'department') throw new Error('not a 部门整体 table');
    return { declaration, findings, notes, unplaced };
}

describe('invisible characters in an .xlsx', () => {
    test('a name keeps them and the check names them at its cell; a label, an amount and a value form are read without them, with a note', async () => {
        const { declaration, findings, notes, unplaced } = await imported(await departmentSheet({
            B1: `示例区${ZWSP}科学技术协会`,
            D3: `80${ZWSP}`,
            C5: `数量${ZWSP}指标`,
            E5: `${RLO}≥20场次`,
            D7: `主流媒体${RLO}报道次数`
        }));
        expect(unplaced).toEqual([]);
        expect(declaration.unit).toBe(`示例区${ZWSP}科学技术协会`);
        expect(declaration.tasks[0]!.amount).toBe(80);
        const block = declaration.indicators[0]!.groups[0]!.blocks[0]!;
        expect(block.name).toBe('数量指标');
        expect(block.indicators[0]!.period?.text).toBe('≥20场次');
        expect(findings).toEqual([
            '部门整体!B1 部门名称「示例区〈U+200B〉科学技术协会」',
            '部门整体!D7 三级指标名称「主流媒体〈U+202E〉报道次数」'
        ]);
        expect(notes).toEqual(expect.arrayContaining([
            '部门整体!D3 此格含不可见字符（零宽空格 U+200B）：按「80」读取，不计这些字符。',
            '部门整体!C5 此格含不可见字符（零宽空格 U+200B）：按「数量指标」读取，不计这些字符。',
            '部门整体!E5 此格含不可见字符（从右到左覆盖 U+202E）：按「≥20场次」读取，不计这些字符；其中的方向控制字符使此格在原表中显示的顺序与实际不同，请核对。'
        ]));
        expect(notes.filter(n => n.includes('不可见字符'))).toHaveLength(3);
    });

    test('a cell holding nothing but such a character is blank, with a note', async () => {
        const { declaration, notes } = await imported(await departmentSheet({ F7: ZWSP }));
        const media = declaration.indicators[0]!.groups[1]!.blocks[0]!.indicators[0]!;
        expect(media.annual ?? null).toBeNull();
        expect(notes).toContain('部门整体!F7 此格只有不可见字符（零宽空格 U+200B）：按空白读取。');
    });
});

describe('invisible characters in a .docx', () => {
    const t = (text: string): DocxCell => ({ text });
    const rows = (name: string, amount: string): DocxCell[][] => [
        [t('部门名称'), t('示例县科学技术协会')],
        [t('年度重点工作任务'), t('名称'), t('主要实施内容'), t('拟投入的资金（万元）'), t('期望达到的目标（概述）')],
        [t(''), t('科普活动'), t('组织科普活动。'), t(amount), t('开展科普活动不少于10场。')],
        [t('绩效指标'), t('一级指标'), t('二级指标'), t('三级指标'), t('实施周期指标值'), t('年度指标值')],
        [t(''), t('产出指标'), t('数量指标'), t(name), t('≥10场'), t('≥10场')]
    ];

    test('a Word table reads the same way, and the finding names the table cell', async () => {
        const { declaration, findings, notes } = await imported(docx([], rows(`开展${ZWSP}科普活动场次`, `30.00${ZWSP}`)));
        expect(declaration.tasks[0]!.amount).toBe(30);
        expect(findings).toEqual(['表1 第5行第4列 三级指标名称「开展〈U+200B〉科普活动场次」']);
        expect(notes).toContain('表1 第3行第4列 此格含不可见字符（零宽空格 U+200B）：按「30.00」读取，不计这些字符。');
    });
});

describe('the import report', () => {
    test('a cell it could not place shows such characters as 〈U+202E〉 on the terminal and in the .jxmb header, its text kept whole in the report', async () => {
        const result = await importBytes(await departmentSheet({ G2: `附${RLO}注` }), { year: 2024 });
        const entry = result.report.find(e => e.kind === 'unplaced')!;
        expect(entry.text).toBe(`附${RLO}注`);
        expect(renderImport(result, 'test')).toContain('未放入「附〈U+202E〉注」');
        expect(renderImport(result, 'test')).not.toContain(RLO);
    });

    test('a note quoting a cell shows them so too', async () => {
        const result = await importBytes(await departmentSheet({ D8: `附${RLO}注` }), { year: 2024 });
        const notes = result.report.filter(e => e.kind === 'note').map(e => e.message);
        expect(notes).toContainEqual(expect.stringContaining('「附〈U+202E〉注」'));
        expect(notes.join('')).not.toContain(RLO);
    });
});
