import { departmentSection, indicatorHeading, projectHeading } from './vocabulary.js';
import { filled, type SourceTable } from './source.js';

// Which table a stream of rows is: by the words only the official layouts have. 项目支出 is told by its header row
// (项目名称（资金使用单位） … 绩效指标); 部门整体 by the 绩效指标 column headings or at least two of its row labels.

export type TableKind = 'department' | 'project';

export function tableKind(table: SourceTable): TableKind | null {
    const sections = new Set<string>();
    let headings = false;
    for (const row of table.rows) {
        const cells = filled(row);
        const project = cells.map(cell => projectHeading(cell.text));
        if (project.includes('name') && project.includes('indicators')) return 'project';
        for (const cell of cells) {
            const section = departmentSection(cell.text);
            if (section && section !== 'unit' && section !== 'remark') sections.add(section);
            if (indicatorHeading(cell.text) === 'level3') headings = true;
        }
    }
    return headings || sections.size >= 2 ? 'department' : null;
}
