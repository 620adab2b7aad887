import { AstNodeHoverProvider } from 'langium/lsp';
import type { AstNode, MaybePromise } from 'langium';

// 悬停: official meanings of 一级/二级, a diagnostic's rule, a value's normalised form.
export class JxmbHoverProvider extends AstNodeHoverProvider {
    protected getAstNodeHoverContent(_node: AstNode): MaybePromise<string | undefined> {
        return undefined;
    }
}
