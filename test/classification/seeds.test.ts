import { describe, expect, test } from 'vitest';
import { ClassificationCode } from '../../language/validation/classification.js';
import { diagnose } from '../helpers/fixes.js';
import { readSample } from '../helpers/samples.js';

// The seed defects issue 3 names for the classification checks, found where they are.

async function findings(sample: string): Promise<Array<{ code: string; line: string }>> {
    const text = readSample(sample);
    const lines = text.split('\n');
    const { diagnostics } = await diagnose(text);
    return diagnostics.filter(d => String(d.code).startsWith('classification/'))
        .map(d => ({ code: String(d.code), line: lines[d.range.start.line]!.trim() }));
}

const named = (found: Array<{ code: string; line: string }>, code: string) =>
    found.filter(f => f.code === code).map(f => /^"([^"]+)"/.exec(f.line)?.[1]);

describe('classification findings on the seeds', () => {
    test('003: 公众对科普知识知晓度 under 经济效益', async () => {
        const found = await findings('003-baiyun-kexie.jxmb');
        expect(named(found, ClassificationCode.misfiled)).toEqual(['公众对科普知识知晓度(%)']);
        expect(named(found, ClassificationCode.compound)).toEqual(['组织学会开展科普活动次数（次）', '组织学术交流次数（次）', '科普日活动受益度(%)']);
    });

    test('004: the 满意度 figure under 社会效益, and 开展科普活动数量 with a dozen numbers', async () => {
        const found = await findings('004-guangzhou-kexie-2022.jxmb');
        expect(named(found, ClassificationCode.satisfactionMisfiled)).toEqual(['扩大学生资助面有效提升社会及广大师生的满意度']);
        expect(named(found, ClassificationCode.compound)).toContain('开展科普活动数量');
    });

    test('002: 公众号宣传用户数及阅读量 and 青少年临展面积及参观人数; 组织科普基地考核、评估 is one metric with its scope', async () => {
        const found = await findings('002-guangzhou-kexie-projects.jxmb');
        const compound = named(found, ClassificationCode.compound);
        expect(compound).toEqual(expect.arrayContaining(['公众号宣传用户数及阅读量', '青少年临展面积及参观人数']));
        expect(compound).not.toContain('组织科普基地考核、评估');
        expect(compound).not.toContain('科普书籍印发数量');
    });

    test('000 and 001 file every 三级 where it belongs and hold one metric each', async () => {
        expect(await findings('000-nansha-kexie.jxmb')).toEqual([]);
        expect(await findings('001-zhanjiang-kexie.jxmb')).toEqual([]);
    });
});
