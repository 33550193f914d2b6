// Test doubles for the OS keychain. fakeKeychainCipher encrypts for real (AES-256-GCM with a key
// fixed per "machine") so tests can check that a secret is not readable at rest and that another
// machine's key cannot open it. It is not a keychain: the key is in this file.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretCipher } from '../../../main/core/config/secrets.ts';

export function fakeKeychainCipher(machine = 'test-machine'): SecretCipher {
  const key = createHash('sha256').update(machine).digest();
  return {
    backendName: 'fake keychain',
    isAvailable: () => true,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(encoded) {
      const bytes = Buffer.from(encoded, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
