// 「此处应为 … 之一」 without searching the grammar again. Chevrotain's message for a choice nothing matched lists the
// token paths each alternative may start with, and it computed them anew at every such error by walking the rule's
// grammar (`getLookaheadPathsForOr`, marked "consider caching" in Chevrotain itself): 10,000 rows `"x"：：20场次` or
// `"x"：不少于50篇` spent ≈ 2.5 s of a 5 s check there. The paths depend only on the rule and the choice's place in
// it, so each is computed once per parser (by Chevrotain, the first time) and the message built from them after.
type IToken = { image: string };
type TokenType = { name: string };

interface NoViableAltOptions {
    expectedPathsPerAlt: TokenType[][][];
    actual: IToken[];
    previous: IToken;
    customUserDescription: string | undefined;
    ruleName: string;
}

interface Raising {
    raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never;
    getCurrRuleFullName(): string;
    errorMessageProvider: { buildNoViableAltMessage(options: NoViableAltOptions): string };
    maxLookahead: number;
    LA(k: number): IToken;
    SAVE_ERROR(error: Error): Error;
}

type NoViableAlt = new (message: string, token: IToken, previousToken: IToken) => Error;

export function rememberAltPaths<P extends object>(parser: P): P {
    const wrapper = (parser as unknown as { wrapper: Raising }).wrapper;
    const raise = wrapper.raiseNoAltException;
    const pathsOf = new Map<string, TokenType[][][]>();
    /** Chevrotain's NoViableAltException, as it threw it the first time */
    let exception: NoViableAlt | undefined;
    wrapper.raiseNoAltException = function (this: Raising, occurrence: number, errMsgTypes: string | undefined): never {
        const ruleName = this.getCurrRuleFullName();
        const key = `${ruleName} ${occurrence}`;
        const paths = pathsOf.get(key);
        if (paths === undefined || exception === undefined) {
            const provider = this.errorMessageProvider;
            const own = Object.hasOwn(provider, 'buildNoViableAltMessage');
            const build = provider.buildNoViableAltMessage;
            provider.buildNoViableAltMessage = function (options) {
                pathsOf.set(key, options.expectedPathsPerAlt);
                return build.call(this, options);
            };
            try {
                raise.call(this, occurrence, errMsgTypes);
            } catch (error) {
                exception ??= (error as Error).constructor as NoViableAlt;
                throw error;
            } finally {
                if (own) provider.buildNoViableAltMessage = build;
                else delete (provider as Partial<typeof provider>).buildNoViableAltMessage;
            }
        }
        // The rest as Chevrotain's raiseNoAltException does it.
        const actual: IToken[] = [];
        for (let i = 1; i <= this.maxLookahead; i++) actual.push(this.LA(i));
        const previous = this.LA(0);
        const message = this.errorMessageProvider.buildNoViableAltMessage({
            expectedPathsPerAlt: paths!, actual, previous, customUserDescription: errMsgTypes, ruleName
        });
        throw this.SAVE_ERROR(new exception!(message, this.LA(1), previous));
    };
    return parser;
}
