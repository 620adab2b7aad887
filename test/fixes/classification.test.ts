import { describe, expect, test } from 'vitest';
import { ClassificationCode } from '../../language/validation/classification.js';
import { applyFixAndRecheck, fixesFor } from '../helpers/fixes.js';
import { benefit, department, output } from '../helpers/fixture-texts.js';

/** A 部门整体 table whose 数量指标 holds `rows`, with a 时效, 效益 and 满意度 indicator beside them (no other finding). */
const quantities = (rows: string) => department(`        产出指标 {
            数量指标 {${rows}
            }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);

// Each fix of the classification checks: applied, re-validated (parses, the finding is gone, no new error), and the
// text a user would see.

describe('classification fixes', () => {
    test('a satisfaction figure under 社会效益 (SEED004) moves to a new 满意度 block, comment and all', async () => {
        const text = department(`${output}
        效益指标 {
            社会效益指标 {
                "科普受益人次"：≥2万人次
                "扩大学生资助面有效提升社会及广大师生的满意度"："扩大学生资助面有效提升社会及广大师生的满意度，预期达到98%。"  // seed note
            }
        }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.satisfactionMisfiled, '服务对象满意度指标');
        expect(fixed).toBe(department(`${output}
        效益指标 {
            社会效益指标 {
                "科普受益人次"：≥2万人次
            }
        }
        满意度指标 {
            服务对象满意度指标 {
                "扩大学生资助面有效提升社会及广大师生的满意度"："扩大学生资助面有效提升社会及广大师生的满意度，预期达到98%。"  // seed note
            }
        }`));
    });

    test('知晓度 under 经济效益 (SEED003) moves into the existing 社会效益 block; the emptied 经济效益 block goes', async () => {
        const text = department(`${output}
        效益指标 {
            经济效益指标 {
                "公众对科普知识知晓度(%)"："通过科普宣传活动，公众对科普知识知晓度达95%"
            }
            社会效益指标 {
                "科普日活动受益度(%)"：95%
            }
        }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
        expect(fixed).toContain(`        效益指标 {
            社会效益指标 {
                "科普日活动受益度(%)"：95%
                "公众对科普知识知晓度(%)"："通过科普宣传活动，公众对科普知识知晓度达95%"
            }
        }`);
        expect(fixed).not.toContain('经济效益指标');
    });

    test('a note in the 二级 that a move empties stays where the 二级 was', async () => {
        const text = department(`${output}
        效益指标 {
            经济效益指标 {  // 与财政局核对
                "公众对科普知识知晓度(%)"：95%  // 问卷结果
            }
            社会效益指标 { "科普受益人次"：≥2万人次 }
        }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
        expect(fixed).not.toContain('经济效益指标');
        expect(fixed).toContain('        效益指标 {\n            // 与财政局核对\n            社会效益指标 {');
        expect(fixed).toContain('"公众对科普知识知晓度(%)"：95%  // 问卷结果\n');
        expect(fixed.match(/问卷结果/g)).toHaveLength(1);
    });

    test('a value written over two lines arrives word for word, its second line not re-indented', async () => {
        const text = department(`${output}
        效益指标 { 经济效益指标 { "公众对科普知识知晓度(%)"："通过科普宣传活动，
            公众知晓度达95%" } 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
        expect(fixed).toMatch(/社会效益指标 \{\s+"科普受益人次"：≥2万人次\s+"公众对科普知识知晓度\(%\)"："通过科普宣传活动，\n {12}公众知晓度达95%"\n/);
    });

    test('a move within one 一级 keeps that 一级 even when the old 二级 empties it', async () => {
        const text = department(`${output}
        效益指标 {
            经济效益指标 { "科普活动辖区覆盖率"：100% }
        }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
        expect(fixed).toContain('        效益指标 {\n            社会效益指标 {\n                "科普活动辖区覆盖率"：100%\n            }\n        }');
    });

    test('a move out of a one-line block never overlaps the insertion into it', async () => {
        const text = department(`${output}
        效益指标 { 经济效益指标 { "公众对科普知识知晓度"：95% } 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
        expect(fixed).toMatch(/社会效益指标 \{\s+"科普受益人次"：≥2万人次\s+"公众对科普知识知晓度"：95%\s+\}/);
        expect(fixed).not.toContain('经济效益指标');

        const alone = department(`${output}
        效益指标 { 经济效益指标 { "公众对科普知识知晓度"：95% } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: moved } = await applyFixAndRecheck(alone, ClassificationCode.misfiled);
        expect(moved).toMatch(/效益指标 \{\s+社会效益指标 \{\s+"公众对科普知识知晓度"：95%\s+\}\s+\}/);
    });

    test.each([
        // A cost control rate, with a % or with money, goes to 成本 (not to 经济效益 for its money).
        ['社会效益指标', '"成本控制率"：≤100%', /产出指标 \{[^]*成本指标 \{\s+"成本控制率"：≤100%\s+\}/],
        ['社会效益指标', '"经费控制率"："≤20万元"', /产出指标 \{[^]*成本指标 \{\s+"经费控制率"："≤20万元"\s+\}/],
        // An output count goes to 数量 (tester's B6, r17).
        ['社会效益指标', '"购置设备数量"：≥3台', /数量指标 \{\s+"开展科普活动场次"：≥10场次\s+"购置设备数量"：≥3台\s+\}/],
        ['经济效益指标', '"活动场次"：≥10场次', /数量指标 \{\s+"开展科普活动场次"：≥10场次\s+"活动场次"：≥10场次\s+\}/]
    ])('under %s, %s moves to the 二级 it belongs to', async (level2, row, moved) => {
        const text = department(`${output}
        效益指标 { ${level2} { ${row} } 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`.replace(`社会效益指标 { ${row} } 社会效益指标 { "科普受益人次"：≥2万人次 }`, `社会效益指标 { ${row} "科普受益人次"：≥2万人次 }`));
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.misfiled);
        expect(fixed).toMatch(moved);
    });

    test('under 时效, a count moves to 数量 and a 合格率 to 质量', async () => {
        const text = (row: string) => department(`        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            时效指标 { "活动完成时间"：≤2024-12-31 ${row} }
        }
${benefit}
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        expect((await applyFixAndRecheck(text('"购置数量"：≥3台'), ClassificationCode.misfiled)).text)
            .toMatch(/数量指标 \{\s+"开展科普活动场次"：≥10场次\s+"购置数量"：≥3台\s+\}/);
        expect((await applyFixAndRecheck(text('"验收合格率"：100%'), ClassificationCode.misfiled)).text)
            .toMatch(/质量指标 \{\s+"验收合格率"：100%\s+\}/);
    });

    test('a compound value (SEED003) splits into one 三级 per quantity, ≥ under 数量指标', async () => {
        const text = quantities(`
                "组织学会开展科普活动次数（次）"："科普咨询活动2次，受众1200人"  // seed note`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain(`            数量指标 {
                "科普咨询活动次数"：≥2次
                "科普咨询活动受众人数"：≥1200人  // seed note
            }`);
    });

    test('a comment between the name and the compound value stays after the split', async () => {
        const text = quantities(`
                "组织学会开展科普活动次数（次）" /* 2023年口径 */ ："科普咨询活动2次，受众1200人"`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain('"科普咨询活动受众人数"：≥1200人 /* 2023年口径 */\n');
    });

    test('numbered clauses with a doubled 「；」 each name their own measure, without their numbers', async () => {
        const text = quantities(`
                "科普活动"："1.举办科普讲座12场次；；（2）开展科普培训3期"`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain(`            数量指标 {
                "举办科普讲座场次"：≥12场次
                "开展科普培训期数"：≥3期
            }`);
    });

    test('two splits in one block (SEED003 科普活动, 学术交流) name each audience after its activity: no duplicate', async () => {
        let text = quantities(`
                "组织学会开展科普活动次数（次）"："科普咨询活动2次，受众1200人"
                "组织学术交流次数（次）"："学术交流1次，受众50人"`);
        text = (await applyFixAndRecheck(text, ClassificationCode.compound)).text;
        const { text: fixed, diagnostics } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain('"科普咨询活动受众人数"：≥1200人');
        expect(fixed).toContain('"学术交流受众人数"：≥50人');
        expect(diagnostics.filter(d => d.code === 'hierarchy/duplicate-name')).toEqual([]);
    });

    test('a name another 三级 of the 申报表 already has is not given again', async () => {
        const text = department(`        产出指标 {
            数量指标 {
                "组织学术交流次数（次）"："学术交流1次，受众50人"
            }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }
        效益指标 { 社会效益指标 { "学术交流受众人数"：≥40人 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }`);
        const { text: fixed, diagnostics } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(diagnostics.filter(d => d.code === 'hierarchy/duplicate-name')).toEqual([]);
        expect(fixed.match(/"学术交流受众人数"/g)).toHaveLength(1);
        expect(fixed).toContain('受众人数（2）"：≥50人');
    });

    test('parts that read alike are numbered on, past the numbers other 三级 already have', async () => {
        const text = quantities(`
                "开展科普活动场次"："${'不少于20场次；'.repeat(5)}"
                "开展科普活动场次（3）"：≥1场次`);
        const { text: fixed, diagnostics } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(diagnostics.filter(d => d.code === 'hierarchy/duplicate-name')).toEqual([]);
        expect([...fixed.matchAll(/"(开展科普活动场次[^"]*)"：(\S+)/g)].map(m => `${m[1]} ${m[2]}`)).toEqual([
            '开展科普活动场次 ≥20场次', '开展科普活动场次（2） ≥20场次', '开展科普活动场次（4） ≥20场次',
            '开展科普活动场次（5） ≥20场次', '开展科普活动场次（6） ≥20场次', '开展科普活动场次（3） ≥1场次'
        ]);
    });

    test('bare levels and periods borrow what they count (SEED004 省级4个, 新增省级1门, 全年50期)', async () => {
        const text = quantities(`
                "加强师资队伍建设"："建设教育部现代学徒制试点专业2个，省级4个、省级高水平专业群3个，新增省级不少于1门、院级60门精品在线开放课程"
                "《科学大求真》和《科普一分钟》项目数量"："《科学大求真》每周播出一期，全年50期。《科普一分钟》每天播出一期，全年360期"`);
        const { text: first } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(first).toContain(`                "建设教育部现代学徒制试点专业数量"：≥2个
                "省级现代学徒制试点专业数量"：≥4个
                "省级高水平专业群数量"：≥3个
                "新增省级精品在线开放课程数量"：≥1门
                "院级精品在线开放课程数量"：≥60门`);
        const { text: fixed } = await applyFixAndRecheck(first, ClassificationCode.compound);
        expect(fixed).toContain(`                "《科学大求真》播出期数"：≥1期/周
                "《科学大求真》全年播出期数"：≥50期
                "《科普一分钟》播出期数"：≥1期/天
                "《科普一分钟》全年播出期数"：≥360期`);
    });

    test('words between two numbers of a clause: the subject is shared, nothing is left unnamed (SEED004 抖音, 长廊宣传图)', async () => {
        const text = quantities(`
                "开展科普活动数量"："抖音150条视频全网播放量不少于2000万。长廊宣传图5期185幅。大篷车开展活动40次，参加活动5万人次。"`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain(`                "抖音视频数量"：≥150条
                "抖音视频全网播放量"：≥2000万
                "长廊宣传图期数"：≥5期
                "长廊宣传图数量"：≥185幅
                "大篷车开展活动次数"：≥40次
                "大篷车开展活动参加人次"：≥5万人次`);
    });

    test('分别 gives each subject its own number; 每个产品 stays in the name, not as 个/个 (SEED002)', async () => {
        const text = quantities(`
                "成果库和需求库数量"："征集并在线上平台发布科技成果和需求数量分别不少于5000项和500项"
                "文创品牌数量"："创作1个整体品牌、8个以上系列科普子品牌的文创形象产品，每个产品做100个以上样品"`);
        const { text: first } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(first).toContain(`                "征集并在线上平台发布科技成果数量"：≥5000项
                "征集并在线上平台发布需求数量"：≥500项`);
        const { text: fixed } = await applyFixAndRecheck(first, ClassificationCode.compound);
        expect(fixed).toContain('"每个产品做样品数量"：≥100个\n');
        expect(fixed).not.toContain('个/个');
    });

    test('a rate split out of 数量指标 goes to 质量指标, where no check flags it (SEED004 覆盖率100%)', async () => {
        const text = quantities(`
                "科普进社区党群服务中心数量"："打造22个科普e站，覆盖全市各区，覆盖率100%。"`);
        const { fixes } = await fixesFor(text, ClassificationCode.compound);
        expect(fixes[0]!.title).toBe('拆分为 2 个三级指标（每个指标一个数量），比率放入「质量指标」');
        const { text: fixed, diagnostics } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain(`            数量指标 {
                "打造科普e站数量"：≥22个
            }`);
        expect(fixed).toMatch(/质量指标 \{\s+"科普e站覆盖率"：100%\s+\}/);
        expect(diagnostics.filter(d => d.code === 'value/percent-under-count')).toEqual([]);
    });

    test('SEED002 公众号宣传用户数及阅读量: qualifiers stay in the names, each count gets its own 三级', async () => {
        const text = quantities(`
                "公众号宣传用户数及阅读量"："市科协公众号总用户数增长20%，阅读量5000+的推文不少于24条，阅读量10000+的推文不少于12条；视频号推出原创视频不少于15条"`);
        const { fixes } = await fixesFor(text, ClassificationCode.compound);
        expect(fixes[0]!.title).toBe('拆分为 4 个三级指标（每个指标一个数量），比率放入「质量指标」');
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain(`            数量指标 {
                "阅读量5000+的推文数量"：≥24条
                "阅读量10000+的推文数量"：≥12条
                "视频号推出原创视频数量"：≥15条
            }`);
        expect(fixed).toMatch(/质量指标 \{\s+"市科协公众号总用户数增长率"：20%\s+\}/);
    });

    test('实施周期 and 年度 are kept as they were: split part by part, hedged numbers stay words', async () => {
        const text = quantities(`
                "创交会参展人员、参观人员数量" 实施周期："技术、管理人员约3000人，社会观众不少于10万人" 年度："参展人员数量3000人，社会观众不少于10万人"`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain(`                "技术、管理人员人数" 实施周期："约3000人" 年度：≥3000人
                "社会观众人数" 实施周期：≥10万人 年度：≥10万人`);
    });

    test('a name with two measures (SEED002 青少年临展面积及参观人数): the value stays with the first, the second waits', async () => {
        const text = quantities(`
                "青少年临展面积及参观人数"：1600平米`);
        const { text: fixed } = await applyFixAndRecheck(text, ClassificationCode.compound);
        expect(fixed).toContain('                "青少年临展面积"：1600平米\n                "参观人数"："〔待填〕"\n');
    });
});
