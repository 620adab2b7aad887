import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { JxmbDocumentValidator } from './document-validator.js';
import { JxmbGeneratedModule, JxmbGeneratedSharedModule } from './generated/module.js';
import { JxmbLexerErrorMessageProvider, JxmbParserErrorMessageProvider } from './syntax-messages.js';
import { registerValidationChecks } from './validation/index.js';
import { JxmbValueConverter } from './value-converter.js';

export type JxmbServices = LangiumServices;

export const JxmbModule: Module<JxmbServices, PartialLangiumServices> = {
    parser: {
        ValueConverter: () => new JxmbValueConverter(),
        ParserErrorMessageProvider: () => new JxmbParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new JxmbLexerErrorMessageProvider()
    },
    validation: {
        DocumentValidator: services => new JxmbDocumentValidator(services)
    }
};

export function createJxmbServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Jxmb: JxmbServices } {
    const shared = inject(createDefaultSharedModule(context), JxmbGeneratedSharedModule);
    const Jxmb = inject(createDefaultModule({ shared }), JxmbGeneratedModule, JxmbModule);
    shared.ServiceRegistry.register(Jxmb);
    registerValidationChecks(Jxmb);
    if (!context.connection) {
        // Outside a language server nobody sends `initialized`; the configuration provider would wait forever.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Jxmb };
}
