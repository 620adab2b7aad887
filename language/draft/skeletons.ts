// Skeletons a reviewer expects where the target has none (RULES §3.5 C1–C3): a 满意度 indicator where the check asks
// for one (not for internal support), a 时效 indicator, and under the 2021 cost model a 成本 one.
// Their value is the 〔待填〕 placeholder (PLACEHOLDER, the quick-fixes' convention): the validator reports it as
// value/placeholder, so a skeleton can never pass for a real target.
import type { IndicatorList } from '../compile/model.js';
import type { CostModel } from '../domain/taxonomy.js';
import { parseValue } from '../domain/values.js';
import { audienceEvidence } from '../validation/audience.js';
import { cellText } from './cells.js';
import type { Proposal } from './proposal.js';
import type { DraftTarget } from './targets.js';

/** Also the comment the accepted line keeps in the file: it must read right after 采用, so it asks only to fill in. */
export const PLACEHOLDER_REASON = '占位骨架：原文没有给出目标值，请填写〔待填〕处';

/** Whether a 二级 whose code passes `wanted` already holds a 三级 in the written indicators. */
function has(lists: readonly IndicatorList[], wanted: (code: string | null) => boolean): boolean {
    return lists.some(list => list.groups.some(g => g.blocks.some(b => wanted(b.code) && b.indicators.length > 0)));
}

/** 成本 in either model (14 under 产出, or 41–43): a table with the other model's is cost-model-differs, not missing. */
const isCost = (code: string | null) => code === '14' || !!code?.startsWith('4');

// The list number a task's name keeps from the table (一、 1. 1、 （一） (1) 第一、 ①): not part of an indicator's name.
const ORDINAL = /^(?:第?[一二三四五六七八九十]{1,3}[、.．,，]|\d{1,2}(?:[、.．,，)）]|\s)|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|[①-⑳])+/;

/**
 * 科普综合工作经费 → 科普综合工作; 科普经费 → 科普工作; 一、服务科技工作者 → 服务科技工作者工作: the work a task or
 * project pays for.
 */
export function workOf(name: string): string {
    const core = name.replace(/\s+/g, ' ').trim().replace(ORDINAL, '').replace(/\s+/g, '').replace(/(?:工作)?经费$|项目$|资金$/, '');
    if (!core) return '年度工作';
    return /(?:工作|任务|活动|建设|工程|服务|项目)$/.test(core) ? core : `${core}工作`;
}

/**
 * Whether hierarchy/missing-satisfaction asks the target for 满意度 once the drafted proposals are in (its rule,
 * validation/audience.ts): a 部门整体 task always; a project that serves people by its 绩效目标, its indicators or the
 * proposals' — not internal support (购置, 档案, 维修), which the check does not ask.
 */
function asksSatisfaction(target: DraftTarget, drafted: readonly Proposal[]): boolean {
    if (target.kind === 'task') return true;
    const goals = target.texts.filter(t => t.field === '绩效目标').map(t => t.text);
    const year = { year: target.year ?? undefined };
    const written = target.existing.flatMap(list => list.groups.flatMap(g => g.blocks.flatMap(b => b.indicators)))
        .map(i => ({ name: i.name, values: [i.period, i.annual].flatMap(v => v ? [v.parsed] : []) }));
    const proposed = drafted.map(p => ({ name: p.name, values: [parseValue(p.period, year), parseValue(p.annual, year)] }));
    return audienceEvidence(goals, [...written, ...proposed], i => i.name, i => i.values) !== undefined;
}

function skeleton(name: string, level1: Proposal['level1'], level2: Proposal['level2'], operator: Proposal['operator'], unit: string | null): Proposal {
    const fields = { operator, number: null, unit, per: null, date: null };
    return {
        name, level1, level2, ...fields, period: cellText(fields), annual: cellText(fields),
        source: { field: null, quote: '', start: null, end: null },
        placeholder: true, needsConfirmation: true, reason: PLACEHOLDER_REASON
    };
}

export function skeletonsFor(target: DraftTarget, drafted: readonly Proposal[], costModel: CostModel = 'legacy'): Proposal[] {
    const out: Proposal[] = [];
    if (!drafted.some(p => p.level2 === '服务对象满意度指标') && !has(target.existing, code => code === '31') && asksSatisfaction(target, drafted)) {
        out.push(skeleton('服务对象满意度', '满意度指标', '服务对象满意度指标', '≥', '%'));
    }
    if (!drafted.some(p => p.level2 === '时效指标') && !has(target.existing, code => code === '13')) {
        out.push(skeleton(`${workOf(target.name)}完成时间`, '产出指标', '时效指标', '≤', null));
    }
    // The 2021 model makes 成本 a 一级 every table must fill (hierarchy/missing-cost; RULES §3.5 C1): a cap in 万元.
    if (costModel === '2021' && !drafted.some(p => p.level1 === '成本指标' || p.level2 === '成本指标') && !has(target.existing, isCost)) {
        out.push(skeleton(`${workOf(target.name)}成本`, '成本指标', '经济成本指标', '≤', '万元'));
    }
    return out;
}
