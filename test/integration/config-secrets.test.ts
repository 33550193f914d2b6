// Secrets at rest: encrypted in the real config file, opened only when a connection starts,
// refused where there is no keychain unless the user agreed, and masked for logs.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConfigStore } from '../../main/core/config/config-store.ts';
import { createSafeStorageCipher, type SafeStorageLike } from '../../main/core/config/safe-storage-cipher.ts';
import { noKeychainCipher, redact, REDACTED, SecretsUnavailableError, type SecretCipher } from '../../main/core/config/secrets.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sse-scope-secrets-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'sk-proj-Zq81sEcReT';
const rawFile = () => readFileSync(join(dir, 'config.json'), 'utf8');
const noKeychain = () => noKeychainCipher('basic_text');

async function saveSecrets(store: ConfigStore) {
  const env = await store.createEnvironment({ name: 'Prod', variables: [{ name: 'token', value: { secret: true, value: TOKEN } }] });
  await store.setActiveEnvironment(env.id);
  return store.createConnection({
    name: 'Chat',
    url: 'https://llm.test/v1/chat',
    method: 'POST',
    body: '{}',
    headers: [
      { name: 'Authorization', value: 'Bearer {{token}}' },
      { name: 'X-Api-Key', value: { secret: true, value: `${TOKEN}-key` } },
    ],
  });
}

describe('with a keychain', () => {
  test('secret values are encrypted in the file and decrypted only to send', async () => {
    const cipher = fakeKeychainCipher();
    const chat = await saveSecrets(ConfigStore.open(dir, cipher).store);
    expect(rawFile()).not.toContain(TOKEN);
    expect(chat.headers[1]!.value).toEqual({ secret: true, enc: expect.any(String) });

    const { store, notices } = ConfigStore.open(dir, cipher);
    expect(notices).toEqual([]);
    const { request, display } = store.resolve(chat.id);
    expect(request.headers).toEqual({ Authorization: `Bearer ${TOKEN}`, 'X-Api-Key': `${TOKEN}-key` });
    expect(display.headers).toEqual({ Authorization: `Bearer ${REDACTED}`, 'X-Api-Key': REDACTED });
  });

  test('an edit that hands a secret back unchanged keeps it; a new value replaces it', async () => {
    const cipher = fakeKeychainCipher();
    const { store } = ConfigStore.open(dir, cipher);
    const chat = await saveSecrets(store);
    await store.updateConnection(chat.id, { headers: chat.headers.map((h) => ({ ...h, enabled: true })), body: '{"a":1}' });
    expect(store.resolve(chat.id).request.headers['X-Api-Key']).toBe(`${TOKEN}-key`);
    await store.updateConnection(chat.id, { headers: [{ name: 'X-Api-Key', value: { secret: true, value: 'rotated' } }] });
    expect(store.resolve(chat.id).request.headers).toEqual({ 'X-Api-Key': 'rotated' });
    expect(rawFile()).not.toContain('rotated');
  });

  test('redact() masks secrets for logs', async () => {
    const { store } = ConfigStore.open(dir, fakeKeychainCipher());
    const chat = await saveSecrets(store);
    const logged = JSON.stringify([redact(chat), redact(store.getActiveEnvironment()!)]);
    expect(logged).toContain(`"X-Api-Key","value":"${REDACTED}"`);
    expect(logged).toContain(`"token","value":"${REDACTED}"`);
    expect(logged).not.toContain('"enc"');
    expect(redact({ headers: [{ name: 'A', value: { secret: true, value: TOKEN } }] }).headers[0]!.value).toBe(REDACTED);
  });

  test("another computer's keychain cannot open them, and says so", async () => {
    await saveSecrets(ConfigStore.open(dir, fakeKeychainCipher('laptop')).store);
    const { store } = ConfigStore.open(dir, fakeKeychainCipher('desktop'));
    const [chat] = store.listConnections();
    expect(() => store.resolve(chat!.id)).toThrow(
      /secret value of variable \{\{token\}\} cannot be decrypted.*secret value of header X-Api-Key cannot be decrypted/s,
    );
  });
});

describe('without a keychain', () => {
  test('saving a secret is refused with a plain message, and nothing is written', async () => {
    const { store, notices } = ConfigStore.open(dir, noKeychain());
    expect(notices).toEqual([
      {
        kind: 'secrets-unavailable',
        message: expect.stringMatching(
          /^No OS keychain is available to encrypt secrets \(backend: basic_text\)\. .*allow storing them unencrypted in Settings/,
        ),
      },
    ]);
    const before = rawFile();
    await expect(saveSecrets(store)).rejects.toThrow(SecretsUnavailableError);
    await expect(saveSecrets(store)).rejects.toThrow(/No OS keychain is available to encrypt secrets \(backend: basic_text\)/);
    expect(rawFile()).toBe(before);
    expect(store.secretsStatus()).toEqual({ encrypted: false, backendName: 'basic_text', storeSecretsUnencrypted: false });
  });

  test('with consent they are stored as marked plain text; withdrawing consent removes them', async () => {
    const { store } = ConfigStore.open(dir, noKeychain());
    await store.updateSettings({ storeSecretsUnencrypted: true });
    const chat = await saveSecrets(store);
    expect(JSON.parse(rawFile()).connections[0].headers[1].value).toEqual({ secret: true, unencrypted: `${TOKEN}-key` });
    const reopened = ConfigStore.open(dir, noKeychain());
    expect(reopened.notices).toEqual([]); // the user already knows and agreed
    expect(reopened.store.resolve(chat.id).request.headers['X-Api-Key']).toBe(`${TOKEN}-key`);

    const { secretsRemoved } = await reopened.store.updateSettings({ storeSecretsUnencrypted: false });
    expect(secretsRemoved).toBe(2);
    expect(rawFile()).not.toContain(TOKEN);
    expect(() => reopened.store.resolve(chat.id)).toThrow(/was left out.*enter it again/);
  });

  test('when a keychain appears later, secrets saved as plain text are encrypted on open', async () => {
    const { store } = ConfigStore.open(dir, noKeychain());
    await store.updateSettings({ storeSecretsUnencrypted: true });
    const chat = await saveSecrets(store);
    expect(rawFile()).toContain(TOKEN);

    const withKeychain = ConfigStore.open(dir, fakeKeychainCipher()).store;
    expect(rawFile()).not.toContain(TOKEN);
    expect(withKeychain.resolve(chat.id).request.headers.Authorization).toBe(`Bearer ${TOKEN}`);
  });

  test('secrets a keychain encrypted cannot be used while it is away, and the notice says how many', async () => {
    await saveSecrets(ConfigStore.open(dir, fakeKeychainCipher()).store);
    const { notices } = ConfigStore.open(dir, noKeychain());
    expect(notices[0]!.message).toContain('2 saved secret value(s) were encrypted with a keychain and cannot be used');
  });
});

describe("Electron's safeStorage as the cipher", () => {
  function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
    // Stands in for safeStorage: reversible bytes, so the adapter's encoding is what is tested.
    return {
      isEncryptionAvailable: () => available,
      encryptString: (plain) => Buffer.from(`v10${plain}`, 'utf8').reverse(),
      decryptString: (encrypted) => Buffer.from(encrypted).reverse().toString('utf8').slice(3),
      getSelectedStorageBackend: () => backend,
    };
  }

  test('round trip through base64, with the backend named', async () => {
    const cipher: SecretCipher = createSafeStorageCipher(fakeSafeStorage('gnome_libsecret'), 'linux');
    expect(cipher.isAvailable()).toBe(true);
    expect(cipher.backendName).toBe('gnome_libsecret');
    const sealed = cipher.encrypt('tökén ✓');
    expect(Buffer.from(sealed, 'base64').toString('base64')).toBe(sealed);
    expect(cipher.decrypt(sealed)).toBe('tökén ✓');
  });

  test("Linux's basic_text fallback (a hard-coded password) does not count as a keychain", async () => {
    expect(createSafeStorageCipher(fakeSafeStorage('basic_text'), 'linux').isAvailable()).toBe(false);
    expect(createSafeStorageCipher(fakeSafeStorage('unknown', false), 'darwin').isAvailable()).toBe(false);
    expect(createSafeStorageCipher(fakeSafeStorage('unknown'), 'darwin').backendName).toBe('macOS Keychain');
  });
});
