import type { ErrorCode } from 'yaml';

// The yaml library's errors are English sentences ("Flow sequence in block collection must be sufficiently
// indented…"); a unit's jxmb.yaml is written by people who read Chinese. The message is chosen by the error's code,
// which is stable across the library's versions; the place (line:col) comes from the error itself.

const messages: Partial<Record<ErrorCode, string>> = {
    ALIAS_PROPS: '别名（*名称）不能再带锚点或标签。',
    BAD_ALIAS: '锚点或别名（&名称、*名称）的名称无效。',
    BAD_COLLECTION_TYPE: '标签（! 开头）与值的类型不符。',
    BAD_DIRECTIVE: '无效的 YAML 指令（以 % 开头的行）。',
    BAD_DQ_ESCAPE: '双引号中的转义（\\ 及其后的字符）无效；要写反斜杠本身请写 \\\\，或改用单引号。',
    BAD_INDENT: '缩进不对：同一层的各项须左端对齐，下一层须比上一层多缩进；方括号、花括号须成对。',
    BAD_PROP_ORDER: '锚点和标签（&、!）须写在 - 或 ? 之后。',
    BAD_SCALAR_START: '这个值以 YAML 的保留字符（如 @、`、%、|、>）开头：请给它加上引号。',
    BLOCK_AS_IMPLICIT_KEY: '键的写法不对：列表或映射不能作键（可能是冒号或缩进的位置有误）。',
    BLOCK_IN_FLOW: '方括号、花括号（[ ]、{ }）之内不能用换行缩进的写法。',
    DUPLICATE_KEY: '同一个键出现了两次。',
    KEY_OVER_1024_CHARS: '键超过 1,024 个字符。',
    MISSING_CHAR: '缺少字符：可能是引号未闭合、列表项之间缺少逗号、冒号后缺少空格或键后缺少冒号。',
    MULTILINE_IMPLICIT_KEY: '键须写在一行之内（可能是上一行缺少冒号，或引号未闭合）。',
    MULTIPLE_ANCHORS: '一个值只能有一个锚点（&名称）。',
    MULTIPLE_DOCS: '文件中只能有一份设置：请删去 --- 分隔的其余部分。',
    MULTIPLE_TAGS: '一个值只能有一个标签（! 开头）。',
    NON_STRING_KEY: '键须为文字。',
    RESOURCE_EXHAUSTION: '嵌套层次过深，无法读取。',
    TAB_AS_INDENT: '缩进不能用制表符（Tab），请改用空格。',
    TAG_RESOLVE_FAILED: '不认识的标签（! 开头）。',
    UNEXPECTED_TOKEN: '此处有多余或不该出现的字符（如多余的逗号、括号或冒号）。'
};

/** One Chinese sentence for a YAML syntax error of `code`. */
export function yamlErrorMessage(code: string): string {
    return messages[code as ErrorCode] ?? '不是有效的 YAML（请检查缩进、冒号和引号）。';
}
