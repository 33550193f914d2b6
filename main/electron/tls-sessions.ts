// A connection's TLS options, in Chromium's terms: each TLS profile gets its own in-memory Electron
// session (partition), so its certificate rule applies to its requests only and its sockets are
// never shared with another profile. No options: Chromium's usual verification (the OS
// certificate store). `insecure`: every certificate is accepted. `caFile`: Chromium verifies
// first; only when it says the issuer is unknown (ERR_CERT_AUTHORITY_INVALID) is the chain the
// server sent checked against the file's certificates with node:crypto.
//
// What Chromium hands the verify proc: the host name, the server's certificate chain as sent
// (leaf first, linked by issuerCert, PEM in `data`) and its own verdict as a net error code.
// Limits of the CA check here: it checks signatures along the sent chain, CA flags of
// intermediates, validity dates and the host name, but not revocation, name constraints, path
// length or key usage, and it does not fetch missing intermediates (AIA), which Chromium would.
// Chromium's network service caches each verdict, so one partition per CA file content (not per
// path) keeps an edited file from being answered from the cache.

import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { TlsOptions } from '../core/sse/node-fetch.ts';
import { messageOf } from '../common/error-message.ts';

/** net::ERR_CERT_AUTHORITY_INVALID: the chain does not end in a root Chromium trusts. */
export const ERR_CERT_AUTHORITY_INVALID = -202;
/** Verify proc answers (https://www.electronjs.org/docs/latest/api/session#sessetcertificateverifyprocproc). */
export const ACCEPT_CERTIFICATE = 0;
export const USE_CHROMIUM_RESULT = -3;

/** A certificate as Chromium describes it: PEM data and the next certificate of the chain. */
export interface ChainCertificate {
  data: string;
  /** Absent (at run time) at the end of the chain the server sent. */
  issuerCert?: ChainCertificate | undefined;
}

/** What the verify proc is asked (Electron's CertificateVerifyProcProcRequest). */
export interface CertificateCheck {
  hostname: string;
  certificate: ChainCertificate;
  errorCode: number;
}

export type VerifyProc = (request: CertificateCheck, callback: (result: number) => void) => void;

/** The part of Electron's Session a TLS profile configures. */
export interface VerifyingSession {
  setCertificateVerifyProc(proc: VerifyProc | null): void;
}

/** The partition names; in-memory (no "persist:" prefix): no cookies or cache outlive the app. */
export const PLAIN_PARTITION = 'sse-scope-net';
export const INSECURE_PARTITION = 'sse-scope-net-insecure';
const CA_PARTITION_PREFIX = 'sse-scope-net-ca-';

export interface TlsSessionDeps<S extends VerifyingSession> {
  /** session.fromPartition (after app ready). */
  fromPartition(partition: string): S;
  readFile?: (path: string) => string;
  now?: () => Date;
}

/**
 * Returns `sessionFor(tls)`: the session to send a request with these TLS options through.
 * Throws when the CA file cannot be read or holds no certificate (the connection attempt then
 * fails with that message). The file is read at each call, so a fixed file is used at the next
 * attempt.
 */
export function createTlsSessions<S extends VerifyingSession>(deps: TlsSessionDeps<S>): (tls: TlsOptions) => S {
  const readFile = deps.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const now = deps.now ?? (() => new Date());
  const sessions = new Map<string, S>();
  const partition = (name: string, proc: () => VerifyProc | null): S => {
    let session = sessions.get(name);
    if (!session) {
      session = deps.fromPartition(name);
      session.setCertificateVerifyProc(proc());
      sessions.set(name, session);
    }
    return session;
  };

  return (tls) => {
    if (tls.insecure) return partition(INSECURE_PARTITION, () => acceptAll);
    if (!tls.caFile) return partition(PLAIN_PARTITION, () => null);
    const text = readCaFile(readFile, tls.caFile);
    const anchors = parseCertificates(text);
    if (anchors.length === 0) throw new Error(`The CA file ${tls.caFile} holds no PEM certificate`);
    const digest = createHash('sha256').update(text).digest('hex').slice(0, 32);
    return partition(CA_PARTITION_PREFIX + digest, () => caVerifyProc(anchors, now));
  };
}

const acceptAll: VerifyProc = (_request, callback) => callback(ACCEPT_CERTIFICATE);

function readCaFile(readFile: (path: string) => string, path: string): string {
  try {
    return readFile(path);
  } catch (error) {
    const reason = messageOf(error);
    throw new Error(`Cannot read the CA file ${path}: ${reason}`, { cause: error });
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM bundle; blocks that do not parse are left out. */
export function parseCertificates(pem: string): X509Certificate[] {
  const certificates: X509Certificate[] = [];
  for (const block of pem.match(PEM_CERTIFICATE) ?? []) {
    try {
      certificates.push(new X509Certificate(block));
    } catch {
      // Not a certificate after all; the others may still be.
    }
  }
  return certificates;
}

/** Accepts a chain Chromium found no root for when it leads to one of `anchors`. */
export function caVerifyProc(anchors: readonly X509Certificate[], now: () => Date = () => new Date()): VerifyProc {
  return (request, callback) => {
    // Trusted by Chromium, or refused for another reason (revoked, expired, wrong name...):
    // its verdict stands.
    if (request.errorCode !== ERR_CERT_AUTHORITY_INVALID) return callback(USE_CHROMIUM_RESULT);
    let problem: string | null;
    try {
      problem = chainProblem(chainOf(request.certificate), anchors, request.hostname, now());
    } catch (error) {
      problem = messageOf(error);
    }
    // Refused: Chromium's own error (ERR_CERT_AUTHORITY_INVALID) is what the user sees.
    callback(problem === null ? ACCEPT_CERTIFICATE : USE_CHROMIUM_RESULT);
  };
}

const MAX_CHAIN = 10;

/** The PEM chain as the server sent it, leaf first. */
export function chainOf(certificate: ChainCertificate): string[] {
  const chain: string[] = [];
  for (let cert: ChainCertificate | undefined = certificate; cert && chain.length < MAX_CHAIN; cert = cert.issuerCert) {
    if (chain.includes(cert.data)) break; // a self-signed certificate may name itself
    chain.push(cert.data);
  }
  return chain;
}

/**
 * Why `chain` (PEM, leaf first) is not trusted by `anchors` for `hostname` at `now`, or null
 * when it is: the leaf names the host, every certificate up to an anchor is in date and signed
 * by the next one, intermediates are CAs, and the chain reaches an anchor (an anchor may be the
 * leaf itself: a self-signed server certificate the user trusts).
 */
export function chainProblem(chain: readonly string[], anchors: readonly X509Certificate[], hostname: string, now: Date): string | null {
  const certs = chain.map((pem) => new X509Certificate(pem));
  const leaf = certs[0];
  if (!leaf) return 'the server sent no certificate';
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const named = isIP(host) ? leaf.checkIP(host) !== undefined : leaf.checkHost(host) !== undefined;
  if (!named) return `the certificate is not for ${host}`;

  for (let i = 0; i < certs.length; i++) {
    const cert = certs[i]!;
    if (!inDate(cert, now)) return `certificate ${i} (${cert.subject}) is not valid at ${now.toISOString()}`;
    if (anchors.some((anchor) => anchor.fingerprint256 === cert.fingerprint256)) return null;
    // x509.checkIssued(other): whether x509 was issued by `other` (names and key identifiers).
    const anchor = anchors.find((candidate) => cert.checkIssued(candidate) && cert.verify(candidate.publicKey));
    if (anchor) return inDate(anchor, now) ? null : `the trusted certificate ${anchor.subject} is not valid at ${now.toISOString()}`;
    const issuer = certs[i + 1];
    if (!issuer) return 'the chain does not lead to a certificate in the CA file';
    if (!issuer.ca) return `certificate ${i + 1} (${issuer.subject}) is not a CA`;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) return `certificate ${i} is not signed by certificate ${i + 1}`;
  }
  return 'the chain does not lead to a certificate in the CA file';
}

function inDate(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
}
