import { Transform, type TransformCallback } from 'node:stream';
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type ConnectionOptions, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

// The language server over stdio (the benchmark, the tests, editors other than VS Code, which uses IPC).
// vscode-jsonrpc's reader trusts each Content-Length header: a length shorter than its body left the body's rest to be
// read as the next header, which failed, and every later message was lost; a longer one swallowed the messages after
// it until as many bytes had come. Stdin is therefore cut into messages here first, and a message whose header is
// none or whose declared length does not end where its body ends is dropped: reading goes on at the next header.

const HEADER_NAMES = ['Content-Length:', 'content-length:'];
/** Where a header begins: a Content-Length line cannot occur in a JSON body (no line break within its strings). */
const LENGTH_LINE_REST = /^[ \t]*\d+[ \t]*\r\n/;

/** The length a header block declares, or undefined when the block is not one (the rest of a broken message). */
function declaredLength(header: string): number | undefined {
    let length: number | undefined;
    for (const line of header.split('\r\n')) {
        const field = /^([A-Za-z0-9-]+):(.*)$/.exec(line);
        if (!field) return undefined;
        if (field[1].toLowerCase() === 'content-length') length = /^\s*\d+\s*$/.test(field[2]) ? Number(field[2]) : undefined;
    }
    return length;
}

/** Passes on whole messages (header and body, as received) and drops what does not frame as one. */
export class MessageFraming extends Transform {
    /** Bytes received: those from `from` on are not passed on yet. It grows by doubling: a large message is copied rarely. */
    private storage = Buffer.alloc(1 << 16);
    private from = 0;
    private size = 0;
    /** The message whose body is awaited: where its body starts, its declared length, how far it was searched. */
    private body: { start: number; length: number; searched: number } | undefined;

    override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
        const kept = this.size - this.from;
        if (this.size + chunk.length > this.storage.length) {
            const room = kept + chunk.length > this.storage.length ? Buffer.allocUnsafe(Math.max(2 * this.storage.length, kept + chunk.length)) : this.storage;
            this.storage.copy(room, 0, this.from, this.size);
            [this.storage, this.from, this.size] = [room, 0, kept];
        }
        chunk.copy(this.storage, this.size);
        this.size += chunk.length;
        this.cut();
        done();
    }

    /** Positions below are from the first byte not passed on. */
    private get received(): Buffer {
        return this.storage.subarray(this.from, this.size);
    }

    private cut(): void {
        for (;;) {
            const received = this.received;
            if (!this.body) {
                const end = received.indexOf('\r\n\r\n');
                if (end < 0) return;
                const length = declaredLength(received.toString('latin1', 0, end));
                // (not a header: skipped to the next one, or past this block until one comes)
                if (length === undefined) { this.discard(nextHeader(received, 1) ?? end + 4); continue; }
                this.body = { start: end + 4, length, searched: end + 4 };
            }
            const { start, length, searched } = this.body;
            const end = Math.min(received.length, start + length);
            // A header within the body, or a body that ends in none of JSON's closing brackets: the declared length
            // was too long. The header is dropped; its body is then skipped as not being a header.
            if (nextHeader(received, Math.max(start, searched - 40), end) !== undefined) { this.discard(start); continue; }
            if (end < start + length) { this.body.searched = end; return; }
            const last = received.toString('latin1', Math.max(start, end - 64), end).trimEnd().at(-1);
            if (length > 0 && last !== '}' && last !== ']') { this.discard(start); continue; }
            this.push(Buffer.from(received.subarray(0, end)));
            this.discard(end);
        }
    }

    private discard(count: number): void {
        this.from += count;
        this.body = undefined;
        // (the room a large message took is not kept once it is passed on)
        if (this.from === this.size && this.storage.length > 1 << 20) [this.storage, this.from, this.size] = [Buffer.alloc(1 << 16), 0, 0];
    }
}

/** Where the first Content-Length line from `from` begins, when it begins before `before`. */
function nextHeader(received: Buffer, from: number, before = received.length): number | undefined {
    const searched = received.subarray(0, before + 48);
    for (let at = from; ;) {
        const found = Math.min(...HEADER_NAMES.map(name => searched.indexOf(name, at)).filter(index => index >= 0));
        if (!(found < before)) return undefined;
        if (LENGTH_LINE_REST.test(searched.toString('latin1', found + 15, found + 48))) return found;
        at = found + 1;
    }
}

/**
 * The connection over stdio. vscode-languageserver still ends the server when stdin ends; it sends console output to
 * the client's log for `--stdio` only, and that is done here: written to stdout, the client would read it as protocol.
 */
export function createStdioConnection(options: ConnectionOptions, output: (writer: MessageWriter) => MessageWriter = writer => writer) {
    // (vscode-languageserver takes each of input and output as a stream or as a reader/writer, though its types pair
    // them; the input stays a stream, which is what makes it end the server when stdin ends)
    const input = process.stdin.pipe(new MessageFraming()) as unknown as MessageReader;
    const connection = createConnection(ProposedFeatures.all, input, output(new StreamMessageWriter(process.stdout)), options);
    const text = (args: unknown[]) => args.map(arg => typeof arg === 'string' ? arg : inspect(arg)).join(' ');
    console.log = console.debug = (...args: unknown[]) => connection.console.log(text(args));
    console.info = (...args: unknown[]) => connection.console.info(text(args));
    console.warn = (...args: unknown[]) => connection.console.warn(text(args));
    console.error = (...args: unknown[]) => connection.console.error(text(args));
    return connection;
}
