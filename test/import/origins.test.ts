import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Cell, DeclarationFile, Funds, IndicatorList } from '../../language/compile/model.js';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { importBytes, type ImportResult } from '../../language/import/import.js';
import type { SourceCell } from '../../language/import/source.js';
import { readSample, sampleFiles, seedOf } from '../helpers/samples.js';
import { compiled, docx, type DocxCell } from './helpers.js';

// Every piece the importer puts into the model remembers the cell it came from (import/origins.ts), so that the
// reviewer's report can name the cell of a finding. Checked against the cells' own text: a name's cell holds the
// name, a value's cell the value, an amount's cell the amount — for the five seeds, every sample's compiled workbook
// and a .docx.

const squash = (text: string) => text.replace(/<\/?p>/gi, '').replace(/[\s\u3000]+/g, '').replace(/＞＝|>=/g, '≥').replace(/＜＝|<=/g, '≤');

interface Check {
    what: string;
    cell: SourceCell | undefined;
    /** the text the cell must hold (squashed), or the amount it must hold */
    holds: string | number | null;
}

/** Every name, text, value and amount of the model with the cell its origin names. */
function checks(result: ImportResult): Check[] {
    const { model, origins } = result;
    const out: Check[] = [];
    const text = (what: string, target: object | null, field: string, value: string | null | undefined) => {
        if (target && value !== null && value !== undefined && value !== '') out.push({ what, cell: origins.get(target, field)?.cell, holds: value });
    };
    const amounts = (what: string, record: object | null | undefined) => {
        if (!record) return;
        for (const [field, value] of Object.entries(record)) {
            if (typeof value === 'number' || value === null) out.push({ what: `${what}.${field}`, cell: origins.get(record, field)?.cell, holds: value as Cell });
        }
    };
    const lists = (what: string, lists: IndicatorList[]) => lists.forEach((list, l) => list.groups.forEach((group, g) => {
        out.push({ what: `${what}[${l}].${group.name}`, cell: origins.get(group)?.cell, holds: null });
        group.blocks.forEach(block => {
            out.push({ what: `${what}[${l}].${block.name}`, cell: origins.get(block)?.cell, holds: null });
            for (const indicator of block.indicators) {
                text(`${what} ${indicator.name}`, indicator, 'name', indicator.name);
                text(`${what} ${indicator.name} 实施周期`, indicator, 'period', indicator.period?.form === 'text' ? indicator.period.text : null);
                text(`${what} ${indicator.name} 年度`, indicator, 'annual', indicator.annual?.form === 'text' ? indicator.annual.text : null);
            }
        });
    }));
    for (const d of model.declarations) {
        text('部门名称', d, 'unit', d.unit);
        text('标题', d, 'title', d.title);
        if (d.year !== null) out.push({ what: '年度', cell: origins.get(d, 'year')?.cell, holds: String(d.year) });
        if (d.kind === 'department') {
            amounts('基本信息', d.basicInfo);
            amounts('预算', d.budget);
            text('总体绩效目标', d, 'overallGoal', d.overallGoal?.split('\n')[0]);
            text('其他需完成的任务', d, 'otherTasks', d.otherTasks?.split('\n')[0]);
            for (const task of d.tasks) {
                text(`任务 ${task.name}`, task, 'name', task.name);
                text(`任务 ${task.name} 内容`, task, 'content', task.content);
                text(`任务 ${task.name} 目标`, task, 'expectedGoal', task.expectedGoal);
                if (task.amount !== null) out.push({ what: `任务 ${task.name} 资金`, cell: origins.get(task, 'amount')?.cell, holds: task.amount });
            }
            lists('绩效指标', d.indicators);
        } else {
            const funds = (what: string, f: Funds | null) => amounts(what, f);
            funds('合计', d.total);
            for (const unit of d.spendingUnits) {
                funds(`单位 ${unit.name}`, unit.funds);
                for (const project of unit.projects) {
                    text(`项目 ${project.name}`, project, 'name', project.name);
                    text(`项目 ${project.name} 绩效目标`, project, 'goal', project.goal?.slice(0, 20));
                    funds(`项目 ${project.name}`, project.funds);
                    lists(`项目 ${project.name}`, project.indicators);
                }
            }
        }
    }
    return out;
}

/**
 * The cell holds the text, or — a text split over two rows' cells (RULES §6.2 Q3) — the cell ends with a good part
 * of its beginning: the origin is the cell where the text starts.
 */
function holdsText(cell: string, text: string): boolean {
    if (cell.includes(text)) return true;
    for (let n = text.length - 1; n >= 4; n--) if (cell.endsWith(text.slice(0, n))) return true;
    return false;
}

/** The checks whose cell is missing or does not hold what it should: should be none. */
function wrongOrigins(result: ImportResult): string[] {
    return checks(result).flatMap(({ what, cell, holds }) => {
        if (!cell) return [`${what}: 没有来源单元格`];
        if (!cell.place) return [`${what}: ${cell.where} 没有结构化位置`];
        if (holds === null) return [];
        if (typeof holds === 'number') {
            const own = cell.number ?? Number(cell.text.replace(/,/g, ''));
            return own === holds ? [] : [`${what}: ${cell.where} 是「${cell.text}」，不是 ${holds}`];
        }
        return holdsText(squash(cell.text), squash(holds)) ? [] : [`${what}: ${cell.where} 是「${cell.text.slice(0, 40)}」，不含「${holds.slice(0, 40)}」`];
    });
}

const seeded = sampleFiles().filter(sample => seedOf(sample) !== undefined);

describe.each(seeded)('the seed of %s', sample => {
    test('every name, text, value and amount knows the cell it came from', async () => {
        const result = await importBytes(readFileSync(seedOf(sample)!));
        expect(checks(result).length).toBeGreaterThan(20);
        expect(wrongOrigins(result)).toEqual([]);
    });
});

describe.each(sampleFiles())('%s compiled to .xlsx', sample => {
    test('every name, text, value and amount knows its worksheet cell', async () => {
        const model: DeclarationFile = await compiled(readSample(sample));
        const result = await importBytes(await renderXlsx(model));
        expect(wrongOrigins(result)).toEqual([]);
        for (const check of checks(result)) expect(check.cell?.place?.kind).toBe('sheet-cell');
    });
});

describe('a .docx table', () => {
    test('names and values point at their table row and column', async () => {
        const t = (text: string): DocxCell => ({ text });
        const bytes = docx(['示例县科学技术协会2024年部门整体预算绩效目标申报表'], [
            [t('部门名称'), t('示例县科学技术协会'), t(''), t(''), t(''), t('')],
            [{ text: '绩效指标', merge: 'start' }, t('一级指标'), t('二级指标'), t('三级指标'), t('实施周期指标值'), t('年度指标值')],
            [{ merge: 'continue' }, t('产出指标'), t('数量指标'), t('开展科普活动场次'), t('大幅提升'), t('≥10场')]
        ]);
        const result = await importBytes(bytes);
        expect(wrongOrigins(result)).toEqual([]);
        const d = result.model.declarations[0]!;
        if (d.kind !== 'department') throw new Error('not a department table');
        const indicator = d.indicators[0]!.groups[0]!.blocks[0]!.indicators[0]!;
        expect(result.origins.get(indicator, 'period')?.cell.place).toEqual({ kind: 'table-cell', table: 1, row: 3, column: 5 });
        expect(result.origins.get(indicator, 'annual')?.cell.place).toEqual({ kind: 'table-cell', table: 1, row: 3, column: 6 });
        expect(result.origins.get(d, 'title')?.cell.place).toEqual({ kind: 'paragraph', paragraph: 1 });
    });
});
