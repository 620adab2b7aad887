// Word lists behind 「does this project serve people?」 (RULES §3.5 C3: projects serving the public or identifiable
// beneficiaries need a 满意度 indicator). Data, not logic: extend the lists, not the check. [SUG], tuned on SEED002.
//
// A 部门整体 declaration always serves people (S3 [OFF]: targets 「应当包括产出指标、效益指标和满意度指标」). A 项目支出
// project serves people when what it delivers is counted in people, or names its audience; internal support
// (公务用车购置, 档案整理, 大院维修, 机关后勤, 工程招标) does not, whoever benefits in the end.

/** Units that count people: an output counted in them has an audience. */
export const PERSON_UNITS: readonly string[] = ['人', '人次', '万人次', '万人', '名', '位'];

/** A person count under these names counts the unit's own staff, not an audience (工作经费 「出国（境）人数」). */
export const STAFF_WORDS: readonly string[] = ['出国', '出境', '出访', '出差', '职工', '工作人员', '编外人员', '在编'];

/** Indicator names that name an audience or what it does. */
export const AUDIENCE_NAME_WORDS: readonly string[] = [
    '受众', '观众', '参观', '参展', '参会', '参赛', '参加', '参与', '培训对象', '培训人数', '学员', '用户', '公众', '群众',
    '市民', '服务对象', '受益', '访问量', '阅读量'
];

/** 绩效目标 texts that name the people served. */
export const AUDIENCE_GOAL_WORDS: readonly string[] = [
    '公众', '群众', '市民', '居民', '服务对象', '用户', '青少年', '学生', '科技工作者', '受益人', '参展商', '观众'
];
