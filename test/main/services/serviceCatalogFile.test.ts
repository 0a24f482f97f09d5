import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_CATALOG_PATH, ServiceCatalogError, loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';

const dir = await mkdtemp(join(tmpdir(), 'kiosk-catalog-'));
// The file as JSON, loosely typed: the tests below edit it into older and invalid shapes.
type ServiceJson = Record<string, unknown> & { id: unknown; emailTitles: Record<string, unknown>; consent: Record<string, unknown> };
interface CatalogJson {
  services: ServiceJson[];
}
const shipped = JSON.parse(await readFile(DEFAULT_SERVICE_CATALOG_PATH, 'utf8')) as CatalogJson;

async function write(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function problemsOf(path: string): Promise<readonly string[]> {
  const error = await loadServiceCatalog(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceCatalogError);
  return (error as ServiceCatalogError).problems;
}

describe('service-definition file', () => {
  it('ships the two Norfolk services with the guides\' e-mail titles', async () => {
    const catalog = await loadServiceCatalog();
    expect(catalog.services.map((s) => s.name)).toEqual(['My Norfolk Social Care', "Children's Services Online"]);
    expect(catalog.services[0]?.emailTitles.invite).toBe('Set up your My Norfolk Social Care Account');
    expect(catalog.services[1]?.emailTitles.activation).toBe("New Children's Services Online activation");
    expect(catalog.services[1]?.steps.continueAfterEmailVerified).toBe(true);
    expect(catalog.services[1]?.existingAccountHint).toContain('scaffolding licence');
  });

  it("takes each service's own rules and field names from its guide, with safe defaults when a file leaves them out", async () => {
    const [socialCare, childrens] = (await loadServiceCatalog()).services;
    // Seed 003 step 6 says it outright; seed 000 does not, but an invite is for one person's
    // records, so both services keep to the invitation's address.
    expect([socialCare?.accountEmail, childrens?.accountEmail]).toEqual(['invitation', 'invitation']);
    expect([socialCare?.phoneCountries, childrens?.phoneCountries]).toEqual([['GB'], ['GB']]);
    expect(socialCare?.accountFieldLabels).toEqual({ givenName: 'First name', surname: 'Surname', newPassword: 'Password', confirmPassword: 'Confirm password' });
    expect(childrens?.accountFieldLabels).toEqual({ givenName: 'Given name', surname: 'Surname', newPassword: 'New Password', confirmPassword: 'Confirm New Password' });
    expect(childrens?.consent.statements[0]?.labelPlural).toBe('Yes, I confirm I want access to these records.');
    const older = structuredClone(shipped);
    for (const service of older.services) {
      delete service.accountEmail;
      delete service.phoneCountries;
      delete service.accountFieldLabels;
    }
    const loaded = await loadServiceCatalog(await write('older.json', JSON.stringify(older)));
    expect(loaded.services[0]).toMatchObject({ accountEmail: 'invitation', phoneCountries: ['GB'], accountFieldLabels: { newPassword: 'New Password' } });
  });

  it('says when the file is missing', async () => {
    expect((await problemsOf(join(dir, 'absent.json')))[0]).toContain('ENOENT');
  });

  it('says when the file is not JSON', async () => {
    expect((await problemsOf(await write('broken.json', '{ "schemaVersion": 1,')))[0]).toContain('not valid JSON');
  });

  it('lists every problem with its path', async () => {
    const bad = structuredClone(shipped);
    bad.services[0]!.emailTitles.invite = '';
    bad.services[1]!.id = 'Not An Id';
    bad.services[1]!.consent.privacyPolicyUrl = 'http://insecure.example';
    bad.services[1]!.unexpected = true;
    const problems = await problemsOf(await write('invalid.json', JSON.stringify(bad)));
    expect(problems.join('\n')).toContain('services.0.emailTitles.invite');
    expect(problems.join('\n')).toContain('services.1.id');
    expect(problems.join('\n')).toContain('services.1.consent.privacyPolicyUrl');
    expect(problems.join('\n')).toContain('unexpected');
  });

  it('refuses two services with the same id', async () => {
    const bad = structuredClone(shipped);
    bad.services[1]!.id = bad.services[0]!.id;
    expect((await problemsOf(await write('dupe.json', JSON.stringify(bad)))).join('\n')).toContain('Duplicate service id');
  });

  it('refuses an unknown schema version and an empty list', async () => {
    const problems = await problemsOf(await write('v2.json', JSON.stringify({ ...shipped, schemaVersion: 2, services: [] })));
    expect(problems.some((p) => p.startsWith('schemaVersion'))).toBe(true);
    expect(problems.some((p) => p.startsWith('services'))).toBe(true);
  });

  it('refuses a file over 1 MB', async () => {
    const path = await write('huge.json', JSON.stringify({ ...shipped, padding: 'x'.repeat(1_100_000) }));
    expect((await problemsOf(path))[0]).toContain('larger than');
  });
});
