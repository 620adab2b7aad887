// How an import message tells the user to go on, in the words of the tool they are using: the CLI names its
// commands and options (jxmb check, --year), the editor its commands and settings (an editor has no --year).

export interface ImportAdvice {
    /** after 「这已是 .jxmb 文件，不必导入：」 */
    declarationFile: string;
    /** after 「文件内容已是 .jxmb 申报表文本，不是表格，不必导入：」 */
    declarationText: string;
    /** after 「…：未写入年度。」 */
    year: string;
}

export const CLI_ADVICE: ImportAdvice = {
    declarationFile: '请直接用 jxmb check 检查，或用 jxmb compile 编译为表格。',
    declarationText: '请把它改名为 .jxmb，直接用 jxmb check 检查，或用 jxmb compile 编译为表格。',
    year: '可用 --year 指定年度（如 --year 2025），或导入后在 .jxmb 的名称后补写「年度 2025」。'
};

export const EDITOR_ADVICE: ImportAdvice = {
    declarationFile: '直接打开该文件即可检查，用「jxmb: 导出 Excel」等命令编译为表格。',
    declarationText: '请把它改名为 .jxmb 后直接打开即可检查，用「jxmb: 导出 Excel」等命令编译为表格。',
    year: '可在设置 jxmb.defaultYear（设置 → 扩展 → jxmb 绩效目标 → Default Year）中指定年度后重新导入，或在 .jxmb 的名称后补写「年度 2025」。'
};
