// The app's SecretCipher: Electron's safeStorage (macOS Keychain, Windows DPAPI, libsecret or
// KWallet on Linux) through the core's adapter, main/core/config/safe-storage-cipher.ts.
// Only after `app` is ready: before that, Linux reports no encryption and the backend "unknown",
// and a cipher made then would store secrets as if no keychain existed.
// https://www.electronjs.org/docs/latest/api/safe-storage

import { createSafeStorageCipher, type SafeStorageLike } from '../core/config/safe-storage-cipher.ts';
import type { SecretCipher } from '../core/config/secrets.ts';

export function appSecretCipher(
  app: { isReady(): boolean },
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretCipher {
  if (!app.isReady()) throw new Error('The secret cipher needs the app to be ready (app.whenReady())');
  // encryptString/decryptString are deprecated in Electron 45 in favour of the async pair; the
  // core's SecretCipher is synchronous, and the sync calls still work (see the report of issue 4).
  return createSafeStorageCipher(safeStorage, platform);
}
