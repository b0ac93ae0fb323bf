import path from 'node:path';
import express from 'express';
import { anomaliesRouter } from './anomalies.routes';
import { authRouter } from './auth.routes';
import { dashboardRouter } from './dashboard.routes';
import { filesRouter } from './files.routes';
import { modelsRouter } from './models.routes';
import { reportsRouter } from './reports.routes';
import type { StaffDeps } from './staff-deps';

export const WEB_ROOT = path.resolve(import.meta.dirname, '../../web');

/** Mounts the staff API under /api and the web UI's static files at /. */
export function mountStaff(app: express.Express, deps: StaffDeps): void {
  app.use('/api/auth', authRouter(deps));
  app.use('/api/dashboard', dashboardRouter(deps));
  app.use('/api/anomalies', anomaliesRouter(deps));
  app.use('/api/files', filesRouter(deps));
  app.use('/api/models', modelsRouter(deps));
  app.use('/api/reports', reportsRouter(deps));
  app.use(express.static(WEB_ROOT, { index: 'index.html', dotfiles: 'deny', fallthrough: true, maxAge: 0 }));
}
