// Realistic wording for generated declarations: the 三级 names by 二级 of RULES.md §5 (with their units), the
// vague values of RULES §4 / language/domain/data/vague-words.yaml, and the topics of the seeds' 科协 tables.
// `{t}` in a name is replaced by a topic, so that one project can carry several names of one kind.

/** Subjects of 科协 work, as the seeds name them. */
export const topics = [
    '科普', '学术交流', '青少年科技教育', '科技志愿服务', '院士专家工作站', '海智计划', '科技社团', '乡村振兴科技服务',
    '全国科普日', '科技活动周', '创新创业大赛', '科技工作者之家', '决策咨询', '科学素质提升', '科普基地', '科技馆',
    '老科技工作者', '企业科协', '学会服务', '科创中国', '智慧科普', '科普讲解大赛', '科学家精神宣讲', '科普大篷车'
];

/** Units by what they count (RULES §5 "Units seen"). */
const countUnits = ['场次', '场', '次', '个', '篇', '条', '家', '项', '人', '人次', '名', '本', '件', '份', '期', '台'];

// kind: count | percent | satisfaction | date | duration | money | zero | grade
export const namesByLevel2 = {
    数量指标: [
        { name: '举办{t}活动场次', kind: 'count', units: ['场次', '场'] },
        { name: '开展{t}活动次数', kind: 'count', units: ['次'] },
        { name: '{t}活动受众人次', kind: 'count', units: ['人次', '万人次'] },
        { name: '{t}培训参与人数', kind: 'count', units: ['人'] },
        { name: '发布{t}文章数量', kind: 'count', units: ['篇'] },
        { name: '{t}宣传推送数量', kind: 'count', units: ['条', '篇'] },
        { name: '形成{t}调研报告数量', kind: 'count', units: ['篇', '份'] },
        { name: '编印{t}刊物数量', kind: 'count', units: ['本'] },
        { name: '建立{t}服务站数量', kind: 'count', units: ['家', '个'] },
        { name: '{t}典型案例数', kind: 'count', units: ['个'] },
        { name: '申报{t}项目数', kind: 'count', units: ['项'] },
        { name: '舆情报告期数', kind: 'count', units: ['期'] },
        { name: '档案整理数量', kind: 'count', units: ['卷', '件'] },
        { name: '购置设备数量', kind: 'count', units: ['台', '套'] },
        { name: '组织{t}培训班次', kind: 'count', units: ['次'] },
        { name: '组织召开{t}会议次数', kind: 'count', units: ['次'] },
        { name: '制定{t}工作方案数量', kind: 'count', units: ['份'] }
    ],
    质量指标: [
        { name: '{t}项目验收合格率', kind: 'percent' },
        { name: '资产购置合格率', kind: 'percent' },
        { name: '物业考核达标率', kind: 'percent' },
        { name: '补贴足额发放率', kind: 'percent' },
        { name: '故障排除率', kind: 'percent' },
        { name: '{t}培训合格率', kind: 'percent' },
        { name: '{t}会议出勤率', kind: 'percent' },
        { name: '系统重大故障次数', kind: 'zero', units: ['次'] },
        { name: '{t}评审合格率', kind: 'percent' }
    ],
    时效指标: [
        { name: '{t}活动完成时间', kind: 'date' },
        { name: '{t}活动开展及时率', kind: 'percent' },
        { name: '资金发放及时率', kind: 'percent' },
        { name: '资料归档及时率', kind: 'percent' },
        { name: '资金支出进度', kind: 'percent' },
        { name: '平均响应时间', kind: 'duration' },
        { name: '采购计划完成时间', kind: 'date' }
    ],
    成本指标: [
        { name: '成本控制率', kind: 'percent', op: '≤' },
        { name: '{t}项目总成本', kind: 'money' },
        { name: '人均培训成本', kind: 'money', units: ['元'] },
        { name: '单场{t}活动成本', kind: 'money', units: ['万元/场'] }
    ],
    经济效益: [
        { name: '{t}成果转化交易金额', kind: 'money', units: ['亿元', '万元'] },
        { name: '带动社会投资', kind: 'money', units: ['万元'] }
    ],
    社会效益: [
        { name: '{t}受益人次', kind: 'count', units: ['万人次'] },
        { name: '{t}主流媒体报道次数', kind: 'count', units: ['次'] },
        { name: '{t}活动辖区覆盖率', kind: 'percent' },
        { name: '{t}校园覆盖数', kind: 'count', units: ['个'] },
        { name: '服务科技创新企业数量', kind: 'count', units: ['家'] },
        { name: '接待考察次数', kind: 'count', units: ['场次'] },
        { name: '法律纠纷发生数', kind: 'zero', units: ['起'] },
        { name: '公民具备科学素质比例', kind: 'percent' }
    ],
    生态效益: [
        { name: '采购设备环保达标率', kind: 'percent' },
        { name: '垃圾分类达标率', kind: 'percent' },
        { name: '文明施工投诉数', kind: 'zero', units: ['次'] }
    ],
    可持续影响: [
        { name: '青年科技人才平台入库人数', kind: 'count', units: ['人'] },
        { name: '新成立{t}学会数', kind: 'count', units: ['个'] },
        { name: '{t}长效机制建立数', kind: 'count', units: ['项'] }
    ],
    服务对象满意度: [
        { name: '服务对象满意度', kind: 'satisfaction' },
        { name: '{t}参与者满意度', kind: 'satisfaction' },
        { name: '受益群众满意率', kind: 'satisfaction' },
        { name: '与会人员满意度', kind: 'satisfaction' },
        { name: '受训学员满意度', kind: 'satisfaction' }
    ]
};

/** 一级 → its 二级 (short names; the 部门整体 table writes the 2x/31 long forms with 指标). */
export const level1 = [
    { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
    { name: '效益指标', level2: ['经济效益', '社会效益', '生态效益', '可持续影响'] },
    { name: '满意度指标', level2: ['服务对象满意度'] }
];

export const longLevel2 = { 经济效益: '经济效益指标', 社会效益: '社会效益指标', 生态效益: '生态效益指标', 可持续影响: '可持续影响指标', 服务对象满意度: '服务对象满意度指标' };

/** Values a reviewer sends back (RULES §4): vague, hedged, ambiguous deadlines, weak. Quoted text in the DSL. */
export const vagueValues = {
    any: ['提升', '显著提升', '有效推动', '持续提升', '进一步加强', '长期', '符合要求', '按规定'],
    count: ['约180卷', '70余场', '近10000人', '40余件'],
    date: ['2024年12月前', '本年内完成', '及时'],
    percent: ['较好', '合格'],
    money: ['合理安排', '按标准']
};

/** Word forms of measurable values (RULES §3.2), kept as quoted text and normalised by the checker. */
export const wordOperators = ['不少于', '不低于', '大于等于'];

export const unitNames = [
    '{t}工作经费', '{t}专项经费', '{t}能力提升项目', '{t}平台运维经费', '{t}服务经费', '{t}活动补助经费'
];

export const departmentNames = ['科学技术协会', '科技馆', '科普教育基地管理中心', '学会服务中心'];
export const places = ['广州市', '南沙区', '白云区', '湛江市', '佛山市', '韶关市', '江门市', '肇庆市', '惠州市', '梅州市', '汕头市', '茂名市'];

export { countUnits };
