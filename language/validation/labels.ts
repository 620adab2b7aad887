// How a message names a 部门整体, 项目支出 unit, 单位, 项目 or 任务. A syntax error can leave such a node without its
// quoted name (`项目 { … }`): the message then calls it 未命名, as the outline does, instead of quoting "undefined".
export function named(kind: string, name: string | undefined): string {
    return name === undefined ? `${kind}（未命名）` : `${kind}「${name}」`;
}
