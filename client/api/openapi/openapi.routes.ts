import express from 'express';
import { staffComponents, staffPaths } from './staff-paths';

/** GET /api/openapi.json: the API's description (staff paths here; the other areas' modules join at merge). */
export function staffOpenApiRouter(): express.Router {
  const document = {
    openapi: '3.1.0',
    info: { title: 'swap-reporting API', version: '0.1.0' },
    paths: { ...staffPaths },
    components: staffComponents,
  };
  const router = express.Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
