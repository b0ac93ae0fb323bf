import { healthPaths } from './health.paths';
import { intakePaths } from './intake.paths';
import type { OpenApiModule } from './openapi-types';
import { staffComponents, staffPaths } from './staff-paths';

const staffModule: OpenApiModule = {
  paths: staffPaths,
  responses: staffComponents.responses,
  securitySchemes: staffComponents.securitySchemes,
};

/** Every area's paths; an area adds its module here. */
export const OPENAPI_MODULES: readonly OpenApiModule[] = [healthPaths, intakePaths, staffModule];

/** The API's OpenAPI 3.1 document, assembled from the areas' path modules. */
export function openApiDocument(modules: readonly OpenApiModule[] = OPENAPI_MODULES): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const module of modules) {
    for (const [path, operations] of Object.entries(module.paths)) paths[path] = { ...paths[path], ...operations };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'swap-reporting API',
      version: '1',
      description: 'Real-time trade intake, anomalies, reviews and reports. Bearer JWTs with a role.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: Object.assign(
        { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        ...modules.map((m) => m.securitySchemes ?? {}),
      ) as Record<string, unknown>,
      schemas: Object.assign({}, ...modules.map((m) => m.schemas ?? {})) as Record<string, unknown>,
      responses: Object.assign({}, ...modules.map((m) => m.responses ?? {})) as Record<string, unknown>,
    },
    paths,
  };
}
