import { DefaultCompletionProvider } from 'langium/lsp';

// 补全: keywords in place, 一级 → its 二级, indicator names for the 二级, units, operators, pinyin matching.
export class JxmbCompletionProvider extends DefaultCompletionProvider {}
