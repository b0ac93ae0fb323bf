/** The parts of an OpenAPI 3.1 document each area contributes (kept loose: JSON Schema objects). */
export type JsonSchema = Record<string, unknown>;

export interface OpenApiModule {
  paths: Record<string, Record<string, unknown>>;
  schemas?: Record<string, JsonSchema>;
  responses?: Record<string, JsonSchema>;
  securitySchemes?: Record<string, JsonSchema>;
}
