import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Certificates made at test time with openssl, for HTTPS servers on 127.0.0.1: a test-only authority (trusted only by
// a process given it in NODE_EXTRA_CA_CERTS) and what an endpoint may present — a certificate of its own making, one
// the authority signed for 127.0.0.1, one it signed for another host name, one that expired in 2020.

export interface TestCerts {
    /** the authority's certificate file, for NODE_EXTRA_CA_CERTS */
    caFile: string;
    key: string;
    selfSigned: string;
    /** signed by the authority, with the authority's certificate after it (as an office proxy sends its chain) */
    good: string;
    goodWithChain: string;
    otherHost: string;
    expired: string;
    /** removes the folder the certificates were made in */
    remove: () => void;
}

export function makeTestCerts(): TestCerts {
    const dir = mkdtempSync(join(tmpdir(), 'jxmb-certs-'));
    const at = (name: string) => join(dir, name);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=jxmb test authority');
    openssl('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(at('ip.ext'), 'subjectAltName=IP:127.0.0.1\n');
    writeFileSync(at('other.ext'), 'subjectAltName=DNS:other.example\n');
    openssl('req', '-x509', '-key', 'leaf.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
    const sign = (ext: string, out: string) =>
        openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', out);
    sign('ip.ext', 'good.pem');
    sign('other.ext', 'other.pem');
    // openssl x509 (3.0) cannot set a start date in the past; openssl ca can.
    writeFileSync(at('index.txt'), '');
    writeFileSync(at('serial'), '01\n');
    writeFileSync(at('ca.cnf'), '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n');
    openssl('ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', 'leaf.csr', '-out', 'expired.pem',
        '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-extfile', 'ip.ext', '-notext');
    const read = (name: string) => readFileSync(at(name), 'utf8');
    return {
        caFile: at('ca.pem'), key: read('leaf.key'), selfSigned: read('self.pem'), good: read('good.pem'),
        goodWithChain: read('good.pem') + read('ca.pem'), otherHost: read('other.pem'), expired: read('expired.pem'),
        remove: () => rmSync(dir, { recursive: true, force: true })
    };
}
