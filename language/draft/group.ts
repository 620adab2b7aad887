// Proposals as a 绩效指标 block: grouped by 一级 and 二级 in the table's order (产出 → 效益 → 满意度 → 成本; 数量 →
// 质量 → 时效 → …), keeping the drafter's order inside a 二级. Printing and checking both use this order.
import type { IndicatorList } from '../compile/model.js';
import { level1ByName, level2ByName } from '../domain/taxonomy.js';
import { indicatorOf } from './cells.js';
import type { Level1Name, Level2Name, Proposal } from './proposal.js';

const LEVEL1_ORDER: readonly Level1Name[] = ['产出指标', '效益指标', '满意度指标', '成本指标'];
const LEVEL2_ORDER: readonly Level2Name[] = [
    '数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标',
    '服务对象满意度指标', '经济成本指标', '社会成本指标', '生态环境成本指标'
];

export interface Grouped<P extends Proposal> {
    level1: Level1Name;
    blocks: Array<{ level2: Level2Name; proposals: P[] }>;
}

export function groupProposals<P extends Proposal>(proposals: readonly P[]): Array<Grouped<P>> {
    const groups: Array<Grouped<P>> = [];
    for (const level1 of LEVEL1_ORDER) {
        const inGroup = proposals.filter(p => p.level1 === level1);
        if (inGroup.length === 0) continue;
        const blocks = LEVEL2_ORDER
            .map(level2 => ({ level2, proposals: inGroup.filter(p => p.level2 === level2) }))
            .filter(b => b.proposals.length > 0);
        groups.push({ level1, blocks });
    }
    return groups;
}

/** The proposals in printed order (what groupProposals yields, flattened). */
export function printedOrder<P extends Proposal>(proposals: readonly P[]): P[] {
    return groupProposals(proposals).flatMap(g => g.blocks.flatMap(b => b.proposals));
}

/** The proposals as one model 绩效指标 block. */
export function proposalList(proposals: readonly Proposal[], year: number | null): IndicatorList {
    return {
        groups: groupProposals(proposals).map(g => ({
            name: g.level1,
            code: level1ByName(g.level1)?.code ?? null,
            blocks: g.blocks.map(b => ({
                name: b.level2,
                code: level2ByName(b.level2)?.code ?? null,
                indicators: b.proposals.map(p => indicatorOf(p, year))
            }))
        }))
    };
}
