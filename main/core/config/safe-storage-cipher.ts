// Electron's safeStorage as a SecretCipher. The app passes `safeStorage` in; this module only
// knows its shape, so the core still never imports electron.
// https://www.electronjs.org/docs/latest/api/safe-storage

import type { SecretCipher } from './secrets.ts';

/** The part of Electron's safeStorage this uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export function createSafeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretCipher {
  const backend = (): string => {
    if (platform === 'darwin') return 'macOS Keychain';
    if (platform === 'win32') return 'Windows DPAPI';
    return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  };
  return {
    get backendName() {
      return backend();
    },
    // On Linux without a secret service, safeStorage "encrypts" with a hard-coded password
    // (backend "basic_text"): that is not a keychain, so we say none is available.
    isAvailable: () => safeStorage.isEncryptionAvailable() && backend() !== 'basic_text',
    encrypt: (plain) => Buffer.from(safeStorage.encryptString(plain)).toString('base64'),
    decrypt: (cipher) => safeStorage.decryptString(Buffer.from(cipher, 'base64')),
  };
}
