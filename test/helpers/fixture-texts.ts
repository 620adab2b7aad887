// Texts the fix tests build their documents from: a 部门整体 declaration or a 项目支出 project around a 绩效指标
// tree, and 一级 blocks for that tree (indented for the 部门整体 tree).

export const department = (tree: string) => `部门整体 "测试区科学技术协会" 年度 2024 {
    绩效指标 {
${tree}
    }
}
`;

export const project = (tree: string) => `项目支出 "测试区科学技术协会" 年度 2024 {
    单位 "测试区科学技术协会" {
        项目 "科普活动经费" {
            绩效指标 {
${tree}
            }
        }
    }
}
`;

export const output = `        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            时效指标 { "活动完成时间"：≤2024-12-31 }
        }`;

export const benefit = `        效益指标 {
            社会效益指标 { "科普受益人次"：≥2万人次 }
        }`;

/** A small 部门整体 table with findings that have quick-fixes: a 三级 without a value, an empty 二级. */
export const tableWithFixes = `部门整体 "单位" 年度 2024 {
    绩效指标 {
        产出指标 {
            数量指标 {
                "举办活动场次"：≥45场次
                "培训人数"
            }
            质量指标 { }
        }
    }
}
`;
