import { describe, expect, test } from 'vitest';
import { HierarchyCode } from '../../language/validation/hierarchy.js';
import { diagnose } from '../helpers/fixes.js';
import { readSample } from '../helpers/samples.js';

// The seed defects issue 3 names for the structure checks, found where they are (RULES §3.5 「Seed violations」).

async function findings(sample: string): Promise<Array<{ code: string; line: string }>> {
    const text = readSample(sample);
    const lines = text.split('\n');
    const { diagnostics } = await diagnose(text);
    return diagnostics.filter(d => String(d.code).startsWith('hierarchy/'))
        .map(d => ({ code: String(d.code), line: lines[d.range.start.line]!.trim() }));
}

describe('hierarchy findings on the seeds', () => {
    test('000: the empty 满意度 block (C1) and the three empty template 二级 (C4)', async () => {
        const found = await findings('000-nansha-kexie.jxmb');
        expect(found.filter(f => f.code === HierarchyCode.emptyLevel1).map(f => f.line)).toEqual([expect.stringMatching(/^满意度指标 \{/)]);
        expect(found.filter(f => f.code === HierarchyCode.emptyLevel2).map(f => f.line.split(' ')[0])).toEqual(['经济效益指标', '生态效益指标', '可持续影响指标']);
    });

    test('001 is structurally complete', async () => {
        expect(await findings('001-zhanjiang-kexie.jxmb')).toEqual([]);
    });

    test('002: 信息化运维 and 创交会平台升级 lack 效益; the projects serving people lack 满意度', async () => {
        const text = readSample('002-guangzhou-kexie-projects.jxmb');
        const { diagnostics } = await diagnose(text);
        const projectsWith = (code: string) => diagnostics.filter(d => d.code === code).map(d => {
            const before = text.split('\n').slice(0, d.range.start.line + 1).reverse().find(l => /项目 "/.test(l))!;
            return /项目 "([^"]+)"/.exec(before)![1];
        });
        expect(projectsWith(HierarchyCode.missingBenefit)).toEqual([
            '广州市科学技术协会2024-2025年信息化运维项目', '“科创中国”广州站·中国创新创业成果交易会线上平台升级以及信创改造项目'
        ]);
        // 10 of 14 non-secret projects have no 满意度 (RULES §3.5); 3 of them serve people (outputs counted in people
        // or a goal naming its audience). Internal support (购置, 档案, 大院维修/运行, 科学馆 construction, 党建经费发放,
        // staff exchange) is not asked for one.
        expect(projectsWith(HierarchyCode.missingSatisfaction)).toEqual(['“广聚英才计划”项目经费', '服务科技工作者经费', '科学素质提升工程']);
    });

    test('003: only the empty template 二级', async () => {
        expect((await findings('003-baiyun-kexie.jxmb')).map(f => f.code)).toEqual([HierarchyCode.emptyLevel2, HierarchyCode.emptyLevel2]);
    });

    test('004: no 满意度 一级 at all, and 产出 without 质量/时效; 「加强青年科技人才政治引领、助力青年科技人才培养」 reads as a sentence', async () => {
        expect((await findings('004-guangzhou-kexie-2022.jxmb')).map(f => f.code).sort()).toEqual([
            HierarchyCode.longName, HierarchyCode.missingQualityOrTimeliness, HierarchyCode.missingSatisfaction
        ]);
    });
});
