// Deterministic (seeded) .jxmb declarations in the shapes of the samples: a 部门整体 table with tasks and an
// indicator tree, and a 项目支出 table with many projects. Amounts add up (so budget checks pass where real tables
// do), about one value in twelve is vague or hedged (so validation has something to report), and each project's
// goal text promises some of its quantities (text-consistency work).
import { topics, namesByLevel2, level1, longLevel2, vagueValues, wordOperators, unitNames, departmentNames, places } from './vocabulary.mjs';

/** mulberry32: a small seeded PRNG, enough for reproducible test data. */
export function rng(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        int: (min, max) => min + Math.floor(next() * (max - min + 1)),
        pick: list => list[Math.floor(next() * list.length)],
        chance: p => next() < p
    };
}

const niceCounts = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 30, 36, 45, 50, 60, 80, 96, 100, 120, 150, 200, 300, 500, 1000, 2000, 5000];
const yuan = cents => (cents / 100).toFixed(2);
const quote = text => `"${text.replace(/["\\]/g, '')}"`;

/** One 三级 indicator: its name and value in DSL form, and what a goal text may promise for it. */
function makeIndicator(r, entry, topic, year) {
    const name = entry.name.replace('{t}', topic);
    const unit = entry.units ? r.pick(entry.units) : undefined;
    const vague = r.chance(1 / 12);
    let value;
    let promise;
    switch (entry.kind) {
        case 'count': {
            const n = r.pick(niceCounts);
            if (vague) value = quote(r.pick([...vagueValues.count, ...vagueValues.any]));
            else if (r.chance(0.15)) value = quote(`${r.pick(wordOperators)}${n}${unit}`);
            else if (r.chance(0.1)) return { name, dsl: `${quote(name)} 实施周期：≥${n * 2}${unit} 年度：≥${n}${unit}` };
            else value = `≥${n}${unit}`;
            promise = `${name.replace(/(场次|次数|数量|人次|人数|数|期数|班次)$/, '')}不少于${n}${unit}`;
            break;
        }
        case 'percent': {
            const n = entry.op === '≤' ? 100 : r.pick([80, 85, 90, 95, 98, 100]);
            value = vague ? quote(r.pick([...vagueValues.percent, ...vagueValues.any])) : `${entry.op ?? (n === 100 ? '=' : '≥')}${n}%`;
            break;
        }
        case 'satisfaction':
            value = vague ? quote(r.pick(['满意', '显著提升', '较好'])) : `≥${r.pick([85, 90, 90, 95])}%`;
            promise = `${name}不低于90%`;
            break;
        case 'date':
            value = vague ? quote(r.pick(vagueValues.date)) : `≤${year}-${r.pick(['06-30', '09-30', '11-30', '12-31', '12-31'])}`;
            break;
        case 'duration':
            value = `≤${r.pick(['1小时', '2小时', '30分钟', '24小时'])}`;
            break;
        case 'money': {
            const u = unit ?? '万元';
            value = vague ? quote(r.pick([...vagueValues.money, ...vagueValues.any])) : `≤${r.int(1, 500)}${u}`;
            break;
        }
        case 'zero':
            value = `=0${unit}`;
            break;
        default:
            value = quote(r.pick(vagueValues.any));
    }
    return { name, dsl: `${quote(name)}：${value}`, promise };
}

/**
 * A 绩效指标 tree of about `count` indicators as DSL lines (indented by `indent`), names unique per 二级 block.
 * `long` writes the 2x/31 二级 with 指标 (the 部门整体 table's form).
 */
function indicatorTree(r, count, indent, long, year, topicHint) {
    const plan = [
        ['产出指标', '数量指标', 0.34], ['产出指标', '质量指标', 0.12], ['产出指标', '时效指标', 0.12], ['产出指标', '成本指标', 0.04],
        ['效益指标', '经济效益', 0.05], ['效益指标', '社会效益', 0.18], ['效益指标', '生态效益', 0.03], ['效益指标', '可持续影响', 0.04],
        ['满意度指标', '服务对象满意度', 0.08]
    ];
    // Every tree gets 数量, 时效, 社会效益 and 满意度; the rest is spread by weight.
    const sizes = new Map(plan.map(([, l2, w]) => [l2, Math.floor(count * w)]));
    for (const l2 of ['数量指标', '时效指标', '社会效益', '服务对象满意度']) sizes.set(l2, Math.max(1, sizes.get(l2)));
    let total = [...sizes.values()].reduce((a, b) => a + b, 0);
    while (total < count) { const l2 = r.pick(plan)[1]; sizes.set(l2, sizes.get(l2) + 1); total++; }
    while (total > count) { const l2 = r.pick(plan)[1]; if (sizes.get(l2) > 0 && total > 1) { sizes.set(l2, sizes.get(l2) - 1); total--; } }

    const pad = ' '.repeat(indent);
    const lines = [`${pad}绩效指标 {`];
    const promises = [];
    let written = 0;
    for (const { name: l1, level2 } of level1) {
        const blocks = level2.filter(l2 => sizes.get(l2) > 0);
        if (blocks.length === 0) continue;
        lines.push(`${pad}    ${l1} {`);
        for (const l2 of blocks) {
            lines.push(`${pad}        ${long ? longLevel2[l2] ?? l2 : l2} {`);
            const used = new Set();
            for (let i = 0; i < sizes.get(l2); i++) {
                let indicator;
                for (let attempt = 0; attempt < 40; attempt++) {
                    const topic = attempt < 3 && topicHint ? topicHint : r.pick(topics);
                    indicator = makeIndicator(r, r.pick(namesByLevel2[l2]), topic, year);
                    if (!used.has(indicator.name)) break;
                }
                if (used.has(indicator.name)) indicator = { ...indicator, dsl: indicator.dsl.replace(quote(indicator.name), quote(`${indicator.name}（${i + 1}）`)), name: `${indicator.name}（${i + 1}）` };
                used.add(indicator.name);
                if (indicator.promise) promises.push(indicator.promise);
                lines.push(`${pad}            ${indicator.dsl}`);
                written++;
            }
            lines.push(`${pad}        }`);
        }
        lines.push(`${pad}    }`);
    }
    lines.push(`${pad}}`);
    return { lines, promises, written };
}

function department(r, unit, indicatorCount, year) {
    const taskCount = r.int(2, 5);
    const tasks = [];
    const basic = r.int(10_000, 90_000); // 100–900 万元, in 分
    let projects = 0;
    const lines = [];
    for (let i = 0; i < taskCount; i++) {
        const topic = r.pick(topics);
        const amount = r.int(200, 9_000) * 10 + r.int(0, 9);
        projects += amount;
        tasks.push({ topic, amount, n: r.pick(niceCounts), m: r.pick(niceCounts) });
    }
    projects += r.int(0, 30_000); // key tasks need not cover the whole 项目支出 (R4)
    const total = basic + projects;
    const tree = indicatorTree(r, indicatorCount, 4, true, year);
    lines.push(
        `部门整体 ${quote(unit)} 年度 ${year} {`,
        `    标题 "部门整体预算绩效目标申报表"`,
        `    基本信息 { 财政供养人员数 ${r.int(8, 80)}  下属二级单位数 ${r.int(0, 4)} }`,
        `    预算 {`,
        `        部门预算支出 { 基本支出 ${yuan(basic)}  项目支出 ${yuan(projects)} }`,
        `        收入来源 { 财政拨款 ${yuan(total)}  其他资金 0.00 }`,
        `        事业发展性支出 { 财政专项资金 0.00  其他事业发展性支出 0.00 }`,
        `        按预算级次划分 { 本级使用资金 ${yuan(total)}  拟用于对下转移支付资金 0.00 }`,
        `    }`,
        `    总体绩效目标 ${quote(`贯彻落实《全民科学素质行动规划纲要（2021-2035年）》，围绕${tasks.map(t => t.topic).join('、')}等重点工作，${tree.promises.slice(0, 4).join('，')}，进一步提升服务能力。`)}`
    );
    for (const t of tasks) {
        lines.push(
            `    任务 ${quote(`${t.topic}工作经费`)} {`,
            `        主要实施内容 ${quote(`组织${t.topic}活动不少于${t.n}场次；发布${t.topic}宣传文章不少于${t.m}篇；做好${t.topic}日常服务工作。`)}`,
            `        拟投入资金 ${yuan(t.amount)}`,
            `        期望目标 ${quote(`全年${t.topic}受益人次不少于${t.n * 100}人次，服务对象满意度不低于90%，${r.pick(['有效推动', '持续提升', '显著提升'])}${t.topic}工作水平。`)}`,
            `    }`
        );
    }
    lines.push(...tree.lines, '}');
    return { lines, indicators: tree.written, tasks: taskCount };
}

function projectDeclaration(r, unitName, projectSizes, year, unitsCount) {
    const usedNames = new Set();
    const units = [];
    const perUnit = Math.ceil(projectSizes.length / unitsCount);
    let indicators = 0;
    for (let u = 0; u < unitsCount; u++) {
        const sizes = projectSizes.slice(u * perUnit, (u + 1) * perUnit);
        if (sizes.length === 0) break;
        const projects = [];
        let sum = 0;
        for (const size of sizes) {
            const topic = r.pick(topics);
            let name = r.pick(unitNames).replace('{t}', topic);
            for (let k = 2; usedNames.has(name); k++) name = `${r.pick(unitNames).replace('{t}', topic)}（${k}）`;
            usedNames.add(name);
            const amount = r.int(5, 2_500) * 100 + (r.chance(0.5) ? r.int(0, 99) : 0);
            sum += amount;
            const tree = indicatorTree(r, size, 12, false, year, topic);
            indicators += tree.written;
            const goal = `围绕${topic}工作，${tree.promises.slice(0, 3).join('，') || `${r.pick(['有效推动', '持续提升'])}${topic}工作`}，为全市经济社会高质量发展提供有力支撑。`;
            projects.push([
                `        项目 ${quote(name)} {`,
                `            资金 { 总计 ${yuan(amount)} 财政拨款 ${yuan(amount)} 财政专户拨款 空 其他资金 空 }`,
                `            绩效目标 ${quote(goal)}`,
                ...tree.lines,
                `        }`
            ]);
        }
        const name = unitsCount === 1 ? unitName : `${unitName}${['机关', '科技馆', '学会服务中心', '科普中心', '信息中心', '培训中心'][u % 6]}${u >= 6 ? `（${Math.floor(u / 6) + 1}）` : ''}`;
        units.push({ name, sum, projects });
    }
    const total = units.reduce((a, u) => a + u.sum, 0);
    const lines = [
        `项目支出 ${quote(unitName)} 年度 ${year} {`,
        `    标题 "项目支出绩效目标表（含转移支付项目）"`,
        `    合计 { 总计 ${yuan(total)} 财政拨款 ${yuan(total)} 财政专户拨款 空 其他资金 空 }`
    ];
    for (const unit of units) {
        lines.push(`    单位 ${quote(unit.name)} {`, `        资金 { 总计 ${yuan(unit.sum)} 财政拨款 ${yuan(unit.sum)} 财政专户拨款 空 其他资金 空 }`);
        for (const p of unit.projects) lines.push(...p);
        lines.push('    }');
    }
    lines.push('}');
    return { lines, indicators, projects: projectSizes.length };
}

/** Splits `total` indicators into projects of 5–14 each (a last short one tops it up). */
function projectSizes(r, total) {
    const sizes = [];
    let left = total;
    while (left > 0) {
        const n = Math.min(left, r.int(5, 14));
        sizes.push(n);
        left -= n;
    }
    return sizes;
}

/**
 * One file with `indicators` 三级 indicators: a 部门整体 table (about a fifth, at most 60) and a 项目支出 table
 * with the rest, in units of ≤ 120 projects.
 */
export function generateDeclaration(indicators, seed = 1, year = 2024) {
    const r = rng(seed);
    const unit = `${r.pick(places)}${departmentNames[0]}`;
    const deptCount = Math.min(60, Math.max(20, Math.round(indicators / 5)));
    const dept = department(r, unit, Math.min(deptCount, indicators), year);
    const rest = indicators - dept.indicators;
    const sizes = projectSizes(r, rest);
    const proj = rest > 0 ? projectDeclaration(r, `${unit}（本级）`, sizes, year, Math.max(1, Math.ceil(sizes.length / 120))) : { lines: [], indicators: 0, projects: 0 };
    const header = `// 基准测试生成的申报表（种子 ${seed}）：${indicators} 个三级指标。`;
    const text = [header, ...dept.lines, '', ...proj.lines, ''].join('\n');
    return { text, indicators: dept.indicators + proj.indicators, projects: proj.projects, tasks: dept.tasks };
}

/** A typical single file as a reviewer receives them: one 部门整体 (15–45 indicators) or one 项目支出 (4–15 projects). */
export function generateTypicalFile(seed, year = 2024) {
    const r = rng(seed);
    const unit = `${r.pick(places)}${r.pick(departmentNames)}`;
    if (r.chance(0.5)) {
        const dept = department(r, unit, r.int(15, 45), year);
        return { text: [...dept.lines, ''].join('\n'), indicators: dept.indicators };
    }
    const sizes = Array.from({ length: r.int(4, 15) }, () => r.int(4, 12));
    const proj = projectDeclaration(r, unit, sizes, year, 1);
    return { text: [...proj.lines, ''].join('\n'), indicators: proj.indicators };
}
