// 保密项目 (RULES §1B, Q7). The official table has no mark for them: what marks one is its placeholder, 「保密项目」 as
// its 三级 and values, which the import reads as 保密. The .jxmb's mark (`项目 "…" 保密`) and the placeholder must
// agree: a marked project with real indicators would have them exported into the table as they are, and a project
// with the placeholder but no mark gets every domain rule's findings about a placeholder. A marked project without
// 绩效目标 or 绩效指标 is complete: compile writes the placeholder for it (compile/secret.ts).
import { AstUtils, GrammarUtils, type ValidationAcceptor } from 'langium';
import { valueText } from '../compile/from-ast.js';
import { SECRET_PLACEHOLDER as PLACEHOLDER } from '../domain/values.js';
import type { Indicator, Project } from '../generated/ast.js';
import { indicatorsOf, treesOf } from './hierarchy-units.js';
import { Code } from './codes.js';
import { named } from './labels.js';

const isPlaceholder = (indicator: Indicator) => indicator.name.trim() === PLACEHOLDER
    && [indicator.value, indicator.period, indicator.annual].every(v => v === undefined || valueText(v).text.trim() === PLACEHOLDER);

export function checkSecretMark(project: Project, accept: ValidationAcceptor): void {
    // The tree's own arrays, not a walk of every node: every project of a table is asked.
    const indicators = indicatorsOf(treesOf(project));
    if (project.secret) {
        const real = indicators.find(i => !isPlaceholder(i));
        if (!real) return;
        accept('warning', `${named('项目', project.name)}标为保密，却写有绩效指标「${real.name}」：官方表格没有保密标记，导出的表格会原样列出这些指标。`
            + `不宜公开的，删去绩效指标（编译时写入保密占位「${PLACEHOLDER}」），或只写这个占位。`, { node: real, property: 'name', code: Code.secretWithContent });
        return;
    }
    if (indicators.length === 0 || !indicators.every(isPlaceholder)) return;
    const name = GrammarUtils.findNodeForProperty(project.$cstNode, 'name');
    const end = name && AstUtils.getDocument(project).textDocument.positionAt(name.end);
    accept('warning', `${named('项目', project.name)}的绩效指标是保密占位「${PLACEHOLDER}」，项目却没有标为保密：标为保密后，绩效指标规则不再检查它。`, {
        node: project, property: 'name', code: Code.secretUnmarked,
        ...end ? { data: { code: Code.secretUnmarked, repair: { title: '标为保密', range: { start: end, end }, newText: ' 保密' } } } : {}
    });
}
