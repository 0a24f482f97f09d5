import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serviceCatalogSchema } from '../../shared/serviceDefinition.ts';
import type { ServiceCatalog } from '../../shared/serviceDefinition.ts';

/** The service-definition file shipped with the kiosk: the two Norfolk services. */
export const DEFAULT_SERVICE_CATALOG_PATH = fileURLToPath(new URL('./norfolk.services.json', import.meta.url));

/** A service-definition file that could not be used, with what IT needs to fix it. */
export class ServiceCatalogError extends Error {
  override name = 'ServiceCatalogError';
  readonly path: string;
  readonly problems: readonly string[];

  constructor(path: string, problems: readonly string[]) {
    super(`Service definition file ${path} cannot be used:\n  - ${problems.join('\n  - ')}`);
    this.path = path;
    this.problems = problems;
  }
}

const MAX_FILE_BYTES = 1_000_000;

/**
 * Reads and validates a service-definition file. A missing, oversized, non-JSON or invalid file
 * is a `ServiceCatalogError` listing every problem with its JSON path, so IT can fix the file in
 * one go; the kiosk never starts with a half-valid catalogue.
 */
export async function loadServiceCatalog(path: string = DEFAULT_SERVICE_CATALOG_PATH): Promise<ServiceCatalog> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ServiceCatalogError(path, [`the file cannot be read (${code})`]);
  }
  if (Buffer.byteLength(raw) > MAX_FILE_BYTES) {
    throw new ServiceCatalogError(path, [`the file is larger than ${MAX_FILE_BYTES} bytes`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ServiceCatalogError(path, [`the file is not valid JSON (${(error as Error).message})`]);
  }
  const parsed = serviceCatalogSchema.safeParse(json);
  if (!parsed.success) {
    throw new ServiceCatalogError(
      path,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}
