import { isSyntaxError } from '../../language/cli/diagnostics.js';
import type { DeclarationFile, Indicator, IndicatorList } from '../../language/compile/model.js';
import { modelOf, readSample, sampleFiles } from '../helpers/samples.js';

/** Every sample's canonical model, compiled once per test file. */
export async function sampleModels(): Promise<Array<{ sample: string; model: DeclarationFile }>> {
    const out: Array<{ sample: string; model: DeclarationFile }> = [];
    for (const sample of sampleFiles()) {
        const { model, diagnostics } = await modelOf(readSample(sample));
        if (diagnostics.some(isSyntaxError)) throw new Error(`${sample} has syntax errors`);
        out.push({ sample, model });
    }
    return out;
}

export async function compileText(text: string): Promise<DeclarationFile> {
    const { model, diagnostics } = await modelOf(text);
    const errors = diagnostics.filter(isSyntaxError);
    if (errors.length) throw new Error(errors.map(e => e.message).join('\n'));
    return model;
}

export function indicatorsOf(lists: readonly IndicatorList[]): Indicator[] {
    return lists.flatMap(list => list.groups.flatMap(g => g.blocks.flatMap(b => b.indicators)));
}

/** 保密 projects written with nothing but their amounts, or with a 绩效目标 only, beside an open one (RULES Q7). */
export const SECRET_PROJECTS = `项目支出 "测试单位" 年度 2024 {
    标题 "项目支出绩效目标表（含转移支付项目）"
    单位 "单位甲" {
        资金 { 总计 32.00  财政拨款 32.00  财政专户拨款 空  其他资金 空 }
        项目 "TZMMZX" 保密 { 资金 { 总计 30.00  财政拨款 30.00  财政专户拨款 空  其他资金 空 } }
        项目 "有目标的保密项目" 保密 {
            资金 { 总计 1.00  财政拨款 1.00  财政专户拨款 空  其他资金 空 }
            绩效目标 "经批准不予公开。"
        }
        项目 "公开项目" {
            资金 { 总计 1.00  财政拨款 1.00  财政专户拨款 空  其他资金 空 }
            绩效目标 "完成培训。"
            绩效指标 { 产出指标 { 数量指标 { "培训场次"：≥2场次 } } }
        }
    }
}
`;
