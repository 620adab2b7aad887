// Name vocabulary for 「which 二级 does this 三级 belong to?」 (RULES §2, §3.7, §5). Data, not logic: a new word is a
// new entry or a new string here, not a change to the checks. Patterns are matched against the 三级 name only —
// values are prose that mentions everything (「通过科普宣传活动，公众对科普知识知晓度达95%」).

export interface ClassificationRule {
    id: string;
    /** The 二级 code the name belongs to. */
    target: string;
    /** Words in the name that say so. */
    words: readonly string[];
    /** 二级 codes under which the name is misfiled; elsewhere the rule says nothing (覆盖率 is fine under 质量). */
    misfiledUnder: readonly string[];
    /** Names that contain a word but mean something else (满意度调查次数 counts surveys). */
    except?: readonly RegExp[];
    /** Why, for the message. */
    reason: string;
}

/** 满意度/满意率 is 31 wherever it stands (RULES §2, §3.6: 「Require … the word 满意度/满意率 in the name」). */
export const SATISFACTION: ClassificationRule = {
    id: 'satisfaction',
    target: '31',
    words: ['满意度', '满意率'],
    misfiledUnder: ['11', '12', '13', '14', '21', '22', '23', '24', '41', '42', '43'],
    except: [/满意度?(调查|测评|回访)(次数|场次|份数|数量|覆盖率|完成率)/],
    reason: '满意度反映服务对象或受益人对产出及其影响的认可程度，属于满意度指标'
};

/** Words a 31 name writes for 满意度 without saying it (服务对象评价 ≥90%): the rename puts 满意度 in their place. */
export const SATISFACTION_STAND_INS = /(?:评价|评价率|好评率|认可度|认可率|评分|认同度)$/;

/** Misfiled between the 效益 二级 (and 效益 words under 产出), RULES §3.7 「质量 vs 效益 must not be mixed」. */
export const BENEFIT_RULES: readonly ClassificationRule[] = [
    {
        id: 'awareness',
        target: '22',
        // People knowing of or benefiting from the service: a social effect (SEED003 公众对科普知识知晓度 under 经济效益).
        words: ['知晓度', '知晓率', '受益度', '受益程度', '受益面'],
        misfiledUnder: ['11', '12', '13', '21', '23'],
        reason: '知晓度、受益程度反映产出对社会公众的影响，属于社会效益指标，不是经济效益或产出'
    },
    {
        id: 'reach',
        target: '22',
        // Coverage and people reached are effects on society, not on the economy; under 质量 覆盖率 is a quality
        // measure (绩效评价工作覆盖率), so only 21/23 are wrong.
        words: ['覆盖率', '覆盖面', '覆盖数', '受益人次', '受益人数', '受益群众'],
        misfiledUnder: ['21', '23'],
        reason: '覆盖面、受益人次反映对社会的影响，属于社会效益指标（科普受益人次、科普活动辖区覆盖率）'
    },
    {
        id: 'money',
        target: '21',
        words: ['金额', '交易额', '成交额', '产值', '营业收入', '经济收入', '利润', '税收', '投资额', '融资额', '带动投资', '带动社会投资', '节约资金'],
        misfiledUnder: ['22', '23', '24'],
        reason: '金额、产值、投资反映产出对经济发展的影响，属于经济效益指标（技术成果转化交易金额、带动社会投资）'
    },
    {
        id: 'ecology',
        target: '23',
        // Not 生态 alone: 创新生态, 科普生态 are metaphors.
        words: ['环保', '节能', '能耗', '碳排放', '减排', '污染', '垃圾分类', '绿化率', '生态环境'],
        misfiledUnder: ['21', '22'],
        reason: '环保、节能、排放反映对自然生态环境的影响，属于生态效益指标'
    }
];

/**
 * A quality rate (合格率, 达标率) under 时效 or a 效益, RULES §3.7 「质量 vs 效益 must not be mixed」 and §5 12 (验收合格率,
 * 培训合格率). 达标率 and 通过率 only under 时效: 垃圾分类达标率 is a 生态效益 (§5 23), 公民科学素质达标率 a social one.
 */
export const QUALITY_RULES: readonly ClassificationRule[] = [
    {
        id: 'pass-rate',
        target: '12',
        words: ['合格率', '优良率', '验收通过率'],
        misfiledUnder: ['13', '21', '22'],
        reason: '合格率、优良率反映提供的产品和服务达到的标准，属于质量指标（验收合格率、培训合格率）'
    },
    {
        id: 'standard-rate',
        target: '12',
        words: ['达标率', '通过率'],
        misfiledUnder: ['13'],
        reason: '达标率、通过率反映产品和服务达到的标准，属于质量指标；时效指标只放完成时限、时长和及时率'
    }
];

/** What a name's filing asks of its words, in order: the 效益 words, then the quality rates. */
export const NAME_RULES: readonly ClassificationRule[] = [...BENEFIT_RULES, ...QUALITY_RULES];

/**
 * A control rate of money (成本控制率, 经费控制率): a cost wherever it stands (RULES §3.7 「成本 needs money, a unit cost
 * or 成本控制率 ≤100%」, §5 14). 质量控制率 controls no money. Asked only of names holding 控制率.
 */
export const COST_RATE = /(?:成本|经费|费用|预算|支出|资金)控制率/;

/**
 * Counts that are outputs (RULES §5 11: 购置数量 台/件/辆/套, 举办活动场次 场次): filed under 时效 or a 效益 they belong
 * to 数量. Under 时效 any count, but one of things kept on time (按时完成项目数, 逾期次数); under a 效益 a purchase,
 * or sessions held (场次, 场) — under 社会效益 only an activity's, as 22 lists 接待考察次数 (场次) among its effects.
 */
export const TIMELY_COUNT = /按时|准时|如期|逾期|延期|超期|延误|滞后|提前/;
export const PURCHASE_WORDS = /购置|采购|购买/;
export const SESSION_UNITS: readonly string[] = ['场次', '场'];

export const OUTPUT_COUNT_REASON = '购置数量、活动场次等是提供的产品和服务的数量，属于数量指标（如「购置数量」≥3台、「举办活动场次」≥20场次）；时效指标反映完成的及时程度，效益指标反映产出带来的效果（如「科普受益人次」）';

/** A money value (万元, 亿元) under 社会/生态效益: an economic effect (RULES §5 21). 24 may hold 带动投资 as a lasting effect. */
export const MONEY_VALUE_MISFILED_UNDER: readonly string[] = ['22', '23'];

/**
 * Names of money spent, not earned (RULES §5 14/经济成本: 项目总成本, 人均培训成本; 活动经费, 购置金额): with a money
 * value under 效益 or 质量/时效 they are a cost, filed under 14 (legacy) or 41 (2021). 金额 alone is not one: 技术成果转化
 * 交易金额 is an economic effect.
 */
export const COST_NAME_WORDS: readonly string[] = ['经费', '成本', '费用', '购置金额', '采购金额', '合同金额', '预算金额'];

/** Money saved or drawn in (节约费用, 带动企业研发经费投入): an effect, though its name holds a cost word. */
export const NOT_A_COST = /节约|节省|节支|带动|拉动|吸引|撬动/;

/**
 * 二级 under which a money value with an upper bound or a cost name is misfiled (RULES §3.7 「成本 needs money」, §2 S2:
 * 成本指标 反映…成本的预期控制范围): every 效益, and 质量/时效 (a sum of money is neither a standard nor a time).
 */
export const COST_MISFILED_UNDER: readonly string[] = ['12', '13', '21', '22', '23', '24'];

export const TIME_REASON = '完成时限和时长反映提供产品或服务的及时程度，属于时效指标（如「完成时间」≤2024-12-31、「平均响应时间」≤2小时）';

export const COST_REASON = '经费、成本等金额是实施项目所花的成本，成本指标反映成本的预期控制范围（如「项目总成本」≤X万元），不是产出的质量、时效或带来的效益';

/**
 * Measure words that end a name: two of them joined by 及/和/与/、 make a name that holds two metrics
 * (公众号宣传用户数及阅读量, 青少年临展面积及参观人数). 「清扫、设备检查、巡逻次数」 has one measure for a sum: fine.
 */
export const MEASURE_ENDINGS: readonly string[] = [
    '数量', '人数', '人次', '次数', '场次', '篇数', '件数', '个数', '项数', '期数', '天数', '户数', '用户数', '数',
    '阅读量', '访问量', '播放量', '浏览量', '点击量', '量', '率', '比例', '占比', '面积', '金额', '额', '时长', '时间', '满意度', '知晓度', '覆盖面'
];

/** What joins two measures in a name. */
export const NAME_JOINERS = /及|和|与|以及|、/;
