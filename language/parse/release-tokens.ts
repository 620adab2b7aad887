// 解析后不留词法单元: a parse needs every token of the text, and afterwards nothing does (the tree holds its leaves).
// Three things kept them anyway, for as long as the document was open (and through every check of the CLI):
// - Chevrotain's parser keeps its input until the next parse;
// - each syntax error keeps the tokens its recovery skipped (`resyncedTokens`, read by no one here);
// - each syntax error is an Error with a stack trace, captured when it is made, and V8 keeps the frames of an
//   unread trace alive: one of them is the closure of Chevrotain's recovery holding every token it skipped.
// Text that is not jxmb is skipped whole: 1 MB of `{` kept ≈ 107 MB after its parse, one error's worth. The parser's
// errors are never shown with a stack (they become diagnostics), so none is captured during the parse. A parse that
// throws (a fault of ours, not of the text) runs once more with traces on, so what reaches the log has its frames.
import type { LangiumParser } from 'langium';

type Input = { wrapper: { input: unknown[] } };

export function releaseTokens<P extends LangiumParser>(parser: P): P {
    const wrapper = (parser as unknown as Input).wrapper;
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: { rule?: string }) => {
        const traceLimit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            let result: ReturnType<LangiumParser['parse']>;
            try {
                result = parse(input, options);
            } catch {
                Error.stackTraceLimit = traceLimit;
                result = parse(input, options);
            }
            for (const error of result.parserErrors) if ((error.resyncedTokens?.length ?? 0) > 0) error.resyncedTokens = [];
            return result;
        } finally {
            Error.stackTraceLimit = traceLimit;
            // (setting the input resets the parser's state: its errors array is a new one, the result keeps the old)
            wrapper.input = [];
        }
    }) as LangiumParser['parse'];
    return parser;
}
