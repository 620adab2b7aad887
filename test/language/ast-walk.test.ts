import { AstUtils, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { containerOf, containsType, walkAst } from '../../language/ast-walk.js';
import { parseAndValidate } from '../../language/documents.js';
import { isDepartmentDeclaration, isLevel2Block, isProject, isProjectDeclaration } from '../../language/generated/ast.js';
import { readSample, sampleFiles } from '../helpers/samples.js';
import { jxmb } from '../helpers/services.js';

// The checks walk the tree with ast-walk.ts instead of Langium's streams: the same nodes in the same order, or a
// finding would be lost or reported in another order.
describe('the checks\' tree walks visit what Langium\'s streams visit', () => {
    for (const sample of sampleFiles()) {
        it(`every node of ${sample}, in order, and each node's declaration, project and 二级 block`, async () => {
            const { document } = await parseAndValidate(jxmb(), readSample(sample));
            const root = document.parseResult.value;
            const walked: AstNode[] = [];
            walkAst(root, node => void walked.push(node));
            const streamed = AstUtils.streamAst(root).toArray();
            expect(walked.length).toBe(streamed.length);
            expect(walked.every((node, i) => node === streamed[i])).toBe(true);

            for (const node of streamed) {
                expect(containerOf(node, 'Project')).toBe(AstUtils.getContainerOfType(node, isProject));
                expect(containerOf(node, 'Level2Block')).toBe(AstUtils.getContainerOfType(node, isLevel2Block));
                expect(containerOf(node, 'DepartmentDeclaration', 'ProjectDeclaration'))
                    .toBe(AstUtils.getContainerOfType(node, n => isDepartmentDeclaration(n) || isProjectDeclaration(n)));
                expect(containsType(node, 'Indicator')).toBe(AstUtils.streamAllContents(node).some(n => n.$type === 'Indicator'));
            }
        });
    }

    it('leaves out the content of a node where asked, and only that', async () => {
        const { document } = await parseAndValidate(jxmb(), readSample(sampleFiles().find(f => f.startsWith('002'))!));
        const walked: AstNode[] = [];
        walkAst(document.parseResult.value, node => walked.push(node) > 0 && !isProject(node));
        const projects = walked.filter(isProject);
        expect(projects.length).toBeGreaterThan(0);
        expect(walked.some(node => node.$type === 'Indicator')).toBe(false);
        expect(walked.length).toBe(AstUtils.streamAst(document.parseResult.value).filter(node => !AstUtils.getContainerOfType(node.$container, isProject)).count());
    });
});
