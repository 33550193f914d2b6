// The TLS profiles of the Electron HTTP client (main/electron/tls-sessions.ts): which session a
// connection's TLS options get, and the CA-file check that accepts a chain Chromium found no root
// for, run on real certificates made by openssl (skipped, and saying so, without openssl).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCEPT_CERTIFICATE,
  caVerifyProc,
  chainOf,
  chainProblem,
  createTlsSessions,
  ERR_CERT_AUTHORITY_INVALID,
  INSECURE_PARTITION,
  PLAIN_PARTITION,
  USE_CHROMIUM_RESULT,
  type ChainCertificate,
  type VerifyingSession,
  type VerifyProc,
} from '../../../main/electron/tls-sessions.ts';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const ERR_CERT_REVOKED = -201;

/** Runs openssl in `dir`; throws with its stderr when it fails. */
function openssl(dir: string, args: string[]): void {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${run.stderr}`);
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A CA, an intermediate, leaves for 127.0.0.1 and localhost, and a certificate that is no CA. */
function makeCertificates(dir: string) {
  openssl(dir, ['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test Root CA']);
  openssl(dir, ['req', '-x509', ...EC, '-keyout', 'other.key', '-out', 'other.pem', '-days', '2', '-subj', '/CN=Other CA']);
  writeFileSync(join(dir, 'leaf.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
  writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n');
  writeFileSync(join(dir, 'noca.ext'), 'basicConstraints=CA:FALSE\n');
  const issue = (name: string, subject: string, issuer: string, ext: string) => {
    openssl(dir, ['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${issuer}.pem`,
      '-CAkey',
      `${issuer}.key`,
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      '-extfile',
      ext,
    ]);
  };
  issue('leaf', '/CN=localhost', 'ca', 'leaf.ext');
  issue('inter', '/CN=Test Intermediate', 'ca', 'ca.ext');
  issue('leaf2', '/CN=localhost', 'inter', 'leaf.ext');
  issue('noca', '/CN=Not a CA', 'ca', 'noca.ext');
  issue('leaf3', '/CN=localhost', 'noca', 'leaf.ext');
  openssl(dir, [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'self.key',
    '-out',
    'self.pem',
    '-days',
    '2',
    '-subj',
    '/CN=self',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  const pem = (name: string) => readFileSync(join(dir, `${name}.pem`), 'utf8');
  return {
    ca: pem('ca'),
    other: pem('other'),
    leaf: pem('leaf'),
    inter: pem('inter'),
    leaf2: pem('leaf2'),
    noca: pem('noca'),
    leaf3: pem('leaf3'),
    self: pem('self'),
  };
}

/** Chromium's description of a chain: PEM data linked by issuerCert. */
function chromiumChain(...pems: string[]): ChainCertificate {
  const [first, ...rest] = pems;
  return { data: first!, issuerCert: rest.length ? chromiumChain(...rest) : undefined };
}

function verdict(proc: VerifyProc, certificate: ChainCertificate, errorCode: number, hostname = '127.0.0.1'): number {
  let answer: number | undefined;
  proc({ hostname, certificate, errorCode }, (result) => (answer = result));
  if (answer === undefined) throw new Error('the verify proc did not answer');
  return answer;
}

class FakeSession implements VerifyingSession {
  proc: VerifyProc | null | 'unset' = 'unset';
  constructor(readonly partition: string) {}
  setCertificateVerifyProc(proc: VerifyProc | null): void {
    this.proc = proc;
  }
}

describe.skipIf(!hasOpenssl)(`TLS profiles${hasOpenssl ? '' : ' (skipped: openssl is not installed)'}`, () => {
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  /** After the certificates were made: a certificate is not valid before the second it was made. */
  let now: Date;
  const x509 = (pem: string) => new X509Certificate(pem);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sse-scope-tls-sessions-'));
    certs = makeCertificates(dir);
    now = new Date();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('chainProblem', () => {
    it('trusts a leaf signed by the CA, for the names it carries', () => {
      expect(chainProblem([certs.leaf], [x509(certs.ca)], '127.0.0.1', now)).toBeNull();
      expect(chainProblem([certs.leaf, certs.ca], [x509(certs.ca)], 'localhost', now)).toBeNull();
      expect(chainProblem([certs.leaf], [x509(certs.ca)], '[::1]', now)).toMatch(/not for ::1/);
      expect(chainProblem([certs.leaf], [x509(certs.ca)], 'example.com', now)).toMatch(/not for example.com/);
    });

    it('refuses a chain that leads to another CA, or to none', () => {
      expect(chainProblem([certs.leaf], [x509(certs.other)], '127.0.0.1', now)).toMatch(/does not lead/);
      // The intermediate was not sent: no path from the leaf to the root.
      expect(chainProblem([certs.leaf2], [x509(certs.ca)], '127.0.0.1', now)).toMatch(/does not lead/);
    });

    it('follows a sent intermediate to the CA, or stops at a trusted intermediate', () => {
      expect(chainProblem([certs.leaf2, certs.inter], [x509(certs.ca)], '127.0.0.1', now)).toBeNull();
      expect(chainProblem([certs.leaf2, certs.inter], [x509(certs.inter)], '127.0.0.1', now)).toBeNull();
    });

    it('refuses an intermediate that is not a CA', () => {
      expect(chainProblem([certs.leaf3, certs.noca], [x509(certs.ca)], '127.0.0.1', now)).toMatch(/not a CA/);
    });

    it('trusts a self-signed server certificate the file holds', () => {
      expect(chainProblem([certs.self], [x509(certs.self)], '127.0.0.1', now)).toBeNull();
      expect(chainProblem([certs.self], [x509(certs.ca)], '127.0.0.1', now)).toMatch(/does not lead/);
    });

    it('refuses certificates outside their validity period', () => {
      const later = new Date(Date.now() + 3 * 24 * 3600 * 1000);
      expect(chainProblem([certs.leaf], [x509(certs.ca)], '127.0.0.1', later)).toMatch(/not valid at/);
      const earlier = new Date(Date.now() - 24 * 3600 * 1000);
      expect(chainProblem([certs.leaf], [x509(certs.ca)], '127.0.0.1', earlier)).toMatch(/not valid at/);
    });
  });

  describe('caVerifyProc', () => {
    it("overrides only Chromium's 'unknown issuer' verdict, and only for a chain the file trusts", () => {
      const proc = caVerifyProc([x509(certs.ca)]);
      expect(verdict(proc, chromiumChain(certs.leaf), ERR_CERT_AUTHORITY_INVALID)).toBe(ACCEPT_CERTIFICATE);
      expect(verdict(proc, chromiumChain(certs.leaf, certs.ca), 0)).toBe(USE_CHROMIUM_RESULT);
      expect(verdict(proc, chromiumChain(certs.leaf), ERR_CERT_REVOKED)).toBe(USE_CHROMIUM_RESULT);
      expect(verdict(proc, chromiumChain(certs.self), ERR_CERT_AUTHORITY_INVALID)).toBe(USE_CHROMIUM_RESULT);
      expect(verdict(proc, chromiumChain(certs.leaf), ERR_CERT_AUTHORITY_INVALID, 'example.com')).toBe(USE_CHROMIUM_RESULT);
    });

    it('answers (refusing) when the chain cannot even be parsed', () => {
      const proc = caVerifyProc([x509(certs.ca)]);
      expect(verdict(proc, { data: 'not a certificate' }, ERR_CERT_AUTHORITY_INVALID)).toBe(USE_CHROMIUM_RESULT);
    });

    it('reads the chain leaf first and stops at a certificate that names itself', () => {
      const selfLoop: ChainCertificate = { data: certs.self };
      selfLoop.issuerCert = selfLoop;
      expect(chainOf(selfLoop)).toEqual([certs.self]);
      expect(chainOf(chromiumChain(certs.leaf2, certs.inter, certs.ca))).toEqual([certs.leaf2, certs.inter, certs.ca]);
    });
  });

  describe('createTlsSessions', () => {
    function setup() {
      const made: FakeSession[] = [];
      const sessionFor = createTlsSessions({
        fromPartition: (partition) => {
          const session = new FakeSession(partition);
          made.push(session);
          return session;
        },
      });
      return { made, sessionFor };
    }

    it('gives plain connections one session with Chromium’s own verification', () => {
      const { made, sessionFor } = setup();
      const session = sessionFor({});
      expect(sessionFor({ insecure: false })).toBe(session);
      expect(made).toHaveLength(1);
      expect(session.partition).toBe(PLAIN_PARTITION);
      expect(session.partition.startsWith('persist:')).toBe(false);
      expect(session.proc).toBeNull();
    });

    it('gives insecure connections their own session that accepts any certificate', () => {
      const { sessionFor } = setup();
      const session = sessionFor({ insecure: true, caFile: join(dir, 'missing.pem') });
      expect(session.partition).toBe(INSECURE_PARTITION);
      expect(verdict(session.proc as VerifyProc, chromiumChain(certs.self), ERR_CERT_AUTHORITY_INVALID, 'anything')).toBe(
        ACCEPT_CERTIFICATE,
      );
      expect(sessionFor({})).not.toBe(session);
    });

    it('gives each CA file content its own session, which trusts that CA', () => {
      const { made, sessionFor } = setup();
      const file = join(dir, 'trust.pem');
      writeFileSync(file, `# our CA\n${certs.other}\n${certs.ca}`);
      const session = sessionFor({ caFile: file });
      expect(sessionFor({ caFile: file })).toBe(session);
      expect(verdict(session.proc as VerifyProc, chromiumChain(certs.leaf), ERR_CERT_AUTHORITY_INVALID)).toBe(ACCEPT_CERTIFICATE);

      writeFileSync(file, certs.other);
      const edited = sessionFor({ caFile: file });
      expect(edited).not.toBe(session);
      expect(verdict(edited.proc as VerifyProc, chromiumChain(certs.leaf), ERR_CERT_AUTHORITY_INVALID)).toBe(USE_CHROMIUM_RESULT);
      expect(made.map((s) => s.partition)).toHaveLength(2);
    });

    it('says which CA file cannot be used', () => {
      const { sessionFor } = setup();
      const missing = join(dir, 'missing.pem');
      expect(() => sessionFor({ caFile: missing })).toThrow(`Cannot read the CA file ${missing}`);
      const empty = join(dir, 'empty.pem');
      writeFileSync(empty, 'just some text\n');
      expect(() => sessionFor({ caFile: empty })).toThrow(`The CA file ${empty} holds no PEM certificate`);
    });
  });
});
