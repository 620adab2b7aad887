import { DefaultLinker, DefaultReferenceDescriptionProvider, DefaultScopeComputation, MultiMap, type AstNodeDescription, type LocalSymbols, type ReferenceDescription } from 'langium';

// jxmb has no cross-references: nothing in a declaration refers to anything by name. Langium's index, scope and
// link phases would still walk every node of the document on each keystroke (≈ 5 % of an edit at 2,000
// indicators); these services skip that work.

export class JxmbScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(): Promise<AstNodeDescription[]> {
        return [];
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }
}

export class JxmbLinker extends DefaultLinker {
    override async link(): Promise<void> {
        // Nothing to link.
    }
}

export class JxmbReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(): Promise<ReferenceDescription[]> {
        return [];
    }
}
