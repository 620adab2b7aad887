import './polyfill.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createJxmbServices } from './jxmb-module.js';

// The language server: VS Code's client starts it over IPC, the benchmark over stdio.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createJxmbServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
