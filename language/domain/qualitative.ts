// 定性 values (RULES §3.3): acceptable when they name a grade on a scale or a verifiable milestone; otherwise the
// reason says what is missing — usually a vague word (RULES §4).
import { parseChineseInteger, toChineseNumeral } from './numbers.js';
import { findVagueWords } from './vague-words.js';
import type { ValueBody } from './value-types.js';

type Qualitative = Extract<ValueBody, { kind: 'qualitative' }>;

const LEVEL = '(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})级';
// Grades that only mean a grade when they end the value after an evaluation word or operator (优秀, 良好 …);
// 「良好的舆论环境」 is an adjective.
const GRADE = `(?:优秀|优良|良好|不合格|合格|不及格|及格|不达标|达标|优|良|中|差|${LEVEL}|[甲乙丙丁]级|[甲乙丙一二三]等|[1-5]?A{1,5}级|[一二三四五1-5]星级?)`;
const GRADES = `${GRADE}(?:[或及和、/]${GRADE})*`;
const CONTEXT = '(?:^|:|达到|达|为|评为|评定为|获评|获得|不低于|≥|验收|考核|评估|检测|检查|评价|评审|测评|审核|鉴定|结果)';
const TAIL = '(?:等级|等次|级别|水平|标准)?(及以上|以上|及以下|以下)?';
// Whose scale it is may stand between (达到国家二级标准, 达到省级一级标准).
const SCOPE = '(?:国家|国际|行业|省级|市级|区级|县级|省|市)?';
const GRADE_AT_END = new RegExp(`${CONTEXT}${SCOPE}(${GRADES})${TAIL}$`);
// 达标/合格 are predicates wherever they end the value: 垃圾分类达标, 验收合格.
const PASS_AT_END = /(不?达标|不?合格)$/;
// A title in the note may hold brackets of its own: （依据《…管理办法（试行）》）.
// 「良好」 alone names no scale: vague (RULES §4, vague-words.yaml degree); 「评价等级≥良好」, 「良好及以上」 grade on one.
const BARE_GOOD = /^良好$/;
const SCALE_NOTE = /\((?:[^()《》]|《[^《》]{0,60}》){1,60}\)$/;

// Completion-side grades of a 定性 indicator (RULES §3.3, 财预〔2020〕10号 and the 山西 variant).
const COMPLETION_GRADES = [
    '达成年度指标', '部分达成年度指标并具有一定效果', '未达成年度指标且效果较差',
    '达到预期目标', '部分达到预期目标,并且具备一定效果', '部分达到预期目标，并且具备一定效果', '未达到预期目标'
];

// Milestones: one clause that completes, passes or issues something checkable.
const MILESTONE_VERB = /^(?:本年度内|本年内|年内|年底前)?(?:完成|建成|印发|出台|制定|发布|上线|竣工|开工|签订|启用|开通|交付|办结)[^，,；;。]{1,40}$/;
const MILESTONE_PASS = /^(?:本年度内|本年内|年内|年底前)?通过[^，,；;。]{0,30}(?:验收|评审|审核|审查|认证|测评|鉴定|考核|检查|评估|备案)$/;
const MILESTONE_END = /^[^，,；;。]{1,40}(?:通过验收|验收通过|竣工验收|投入使用|上线运行|正式运行|印发实施|正式出台)$/;

/** 2级, 二级 → 二级; other grades stay as written. */
function canonicalGrade(grade: string): string {
    return grade.replace(/([0-9]{1,2}|[一二三四五六七八九十]{1,3})级/g, (whole, n: string) => {
        const value = /^[0-9]+$/.test(n) ? Number(n) : parseChineseInteger(n);
        return value === undefined ? whole : `${toChineseNumeral(value)}级`;
    });
}

/** The grade a value names, with ≥/≤ when it says 及以上/不低于: 「档案考核达到优秀或良好」 → 优秀或良好. */
export function findGrade(text: string): string | null {
    if (COMPLETION_GRADES.includes(text)) return text;
    // Grades are short predicates; long prose is left to the vague-word check (keeps this linear on big input).
    // A closing note names the scale (评价等级≥良好（依据《…考核办法》）, RULES §4): the grade ends before it.
    const tail = text.length > 200 || BARE_GOOD.test(text) ? '' : text.replace(SCALE_NOTE, '');
    const m = GRADE_AT_END.exec(tail);
    if (m) {
        const grade = canonicalGrade(m[1]!);
        const atLeast = /^(?:不低于|≥)/.test(m[0]) || (m[2] ?? '').endsWith('以上');
        const atMost = (m[2] ?? '').endsWith('以下');
        return atLeast ? `≥${grade}` : atMost ? `≤${grade}` : grade;
    }
    const pass = PASS_AT_END.exec(tail);
    return pass ? pass[1]! : null;
}

export function findMilestone(text: string): string | null {
    return MILESTONE_VERB.test(text) || MILESTONE_PASS.test(text) || MILESTONE_END.test(text) ? text : null;
}

const HAS_CJK = /[\u3400-\u9fff]/;

/**
 * Classifies a value in which no quantity, range or date was found. Returns unparsable for text that is not a value at
 * all (no Chinese text: 「@#$」, 「abc」).
 */
export function classifyQualitative(text: string): Qualitative | Extract<ValueBody, { kind: 'unparsable' }> {
    const grade = findGrade(text);
    if (grade) return { kind: 'qualitative', grade, milestone: null, reason: `graded value 「${grade}」 (定性, RULES §3.3)` };
    const vague = findVagueWords(text, { kinds: ['vague'] });
    const milestone = vague.length === 0 ? findMilestone(text) : null;
    if (milestone) return { kind: 'qualitative', grade: null, milestone, reason: `milestone 「${milestone}」 (定性, RULES §3.3)` };
    if (vague.length > 0) {
        const words = [...new Set(vague.map(v => v.word))].slice(0, 5).map(w => `「${w}」`).join('');
        return {
            kind: 'qualitative',
            grade: null,
            milestone: null,
            reason: `vague wording ${words}: no number, grade or milestone to check (RULES §4)`
        };
    }
    if (!HAS_CJK.test(text)) return { kind: 'unparsable', reason: `not a value: no quantity and no Chinese text in 「${text.slice(0, 40)}」` };
    return {
        kind: 'qualitative',
        grade: null,
        milestone: null,
        reason: 'descriptive text: no number, no grade on a named scale and no verifiable milestone (RULES §3.3)'
    };
}
