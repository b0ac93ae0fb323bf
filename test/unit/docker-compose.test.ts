import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../../schemas/search-attributes';

// Static checks of the compose stack: no Docker engine is needed, so they run with the unit tests.

const ROOT = path.join(import.meta.dirname, '../..');
const COMPOSE_PATH = path.join(ROOT, 'docker-compose.yaml');
const DOCS_PATH = path.join(ROOT, 'docs/docker-compose.md');
const EXAMPLE_ENV_PATH = path.join(ROOT, 'deploy/example.env');
const INITDB_DIR = path.join(ROOT, 'deploy/postgresql/initdb');
const SEARCH_ATTRIBUTES_SCRIPT = path.join(ROOT, 'deploy/temporal/register-search-attributes.sh');

const REQUIRED_SERVICES = [
  'postgresql',
  'temporal',
  'temporal-ui',
  'smtp',
  'sftp',
  'migrate',
  'api',
  'worker',
  'gpu-worker',
];
// Services that run to completion: dependents wait for service_completed_successfully, not for a healthcheck.
const ONE_SHOT_SERVICES = new Set(['migrate', 'temporal-admin-tools']);
const APP_COMMANDS: Record<string, string[]> = {
  migrate: ['npx', 'tsx', 'schemas/db/migrate.ts', 'latest'],
  api: ['npx', 'tsx', 'client/api/main.ts'],
  worker: ['npx', 'tsx', 'workers/main.ts'],
  'gpu-worker': ['npx', 'tsx', 'gpu-worker/main.ts'],
};
const REQUIRED_SEARCH_ATTRIBUTES = ['BusinessDate', 'FileSha256', 'Uti', 'ReportKind', 'ModelVersion'];
const DATABASES = ['temporal', 'temporal_visibility', 'swap_reporting'];
const SECRET_NAME = /PASSWORD|PASSWD|PWD|SECRET|TOKEN/i;
// A secret is only ever a required interpolation: ${NAME:?message} or ${NAME?message}, never one with a default.
const REQUIRED_INTERPOLATION = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}$/;
const URL_PASSWORD = /:\/\/[^/\s:@]+:([^@\s]+)@/;
const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dict(value: unknown, where: string): Dict {
  assert.ok(isDict(value), `${where} must be a mapping`);
  return value;
}

function loadCompose(): { compose: Dict; services: Dict } {
  const doc = parseDocument(readFileSync(COMPOSE_PATH, 'utf8'), { merge: true });
  assert.deepEqual(
    doc.errors.map((error) => error.message),
    [],
  );
  const compose = dict(doc.toJS(), 'docker-compose.yaml');
  return { compose, services: dict(compose['services'], 'services') };
}

function service(services: Dict, name: string): Dict {
  return dict(services[name], `services.${name}`);
}

function environmentOf(svc: Dict): Map<string, string> {
  const env = svc['environment'];
  if (env === undefined) return new Map();
  if (Array.isArray(env)) {
    return new Map(env.map((entry) => String(entry).split(/=(.*)/s, 2) as [string, string]));
  }
  return new Map(Object.entries(dict(env, 'environment')).map(([key, value]) => [key, String(value ?? '')]));
}

function dependenciesOf(svc: Dict): Map<string, unknown> {
  const deps = svc['depends_on'];
  if (deps === undefined) return new Map();
  if (Array.isArray(deps)) return new Map(deps.map((name) => [String(name), undefined]));
  return new Map(Object.entries(dict(deps, 'depends_on')).map(([name, spec]) => [name, dict(spec, name)['condition']]));
}

function isOneShot(name: string, svc: Dict): boolean {
  return ONE_SHOT_SERVICES.has(name) || svc['restart'] === 'no';
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isDict(value)) return Object.values(value).flatMap(strings);
  return [];
}

/** Names in ${NAME...} and $NAME; `$$` is Compose's escape for a literal dollar. */
function interpolatedNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    const name = match[2] ?? match[3];
    if (name !== undefined) names.push(name);
  }
  return names;
}

function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split('\n').map((l) => l.trim())) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1] !== undefined) vars.set(match[1], match[2] ?? '');
  }
  return vars;
}

function servicesInDocsTable(markdown: string): string[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Services'));
  assert.ok(section, 'docs/docker-compose.md needs a "## Services" section');
  return section.split('\n').flatMap((line) => /^\|\s*`([^`]+)`\s*\|/.exec(line)?.[1] ?? []);
}

function bindSources(svc: Dict): string[] {
  const volumes = Array.isArray(svc['volumes']) ? (svc['volumes'] as unknown[]) : [];
  return volumes.flatMap((volume) => {
    const source = isDict(volume) ? String(volume['source'] ?? '') : String(volume).split(':')[0];
    return source !== undefined && source.startsWith('.') ? [source] : [];
  });
}

void describe('docker-compose.yaml', () => {
  const { compose, services } = loadCompose();
  const names = Object.keys(services);

  void it('defines every service the README names, and the README names them all', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `docker-compose.yaml`'));
    assert.ok(row, 'the README describes docker-compose.yaml in its folder table');
    const named = [...(row.split('services')[1] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
    assert.deepEqual([...named].sort(), [...names].sort());
  });

  void it('defines the required services', () => {
    for (const name of REQUIRED_SERVICES) assert.ok(names.includes(name), `missing service ${name}`);
  });

  void it('matches the Services table of docs/docker-compose.md, both ways', () => {
    const documented = servicesInDocsTable(readFileSync(DOCS_PATH, 'utf8'));
    assert.equal(new Set(documented).size, documented.length, 'a service is listed twice in the docs');
    assert.deepEqual([...documented].sort(), [...names].sort());
  });

  void it('gives every long-running service a healthcheck', () => {
    for (const name of names.filter((n) => !isOneShot(n, service(services, n)))) {
      const check = dict(service(services, name)['healthcheck'], `services.${name}.healthcheck`);
      assert.notEqual(check['disable'], true, `${name}: healthcheck disabled`);
      const test = strings(check['test']);
      assert.ok(test.length > 0 && test[0] !== 'NONE', `${name}: healthcheck has no test`);
    }
  });

  void it('never restarts a one-shot', () => {
    for (const name of ONE_SHOT_SERVICES) assert.equal(service(services, name)['restart'], 'no', name);
  });

  void it('orders start-up with conditions on services that exist and can meet them', () => {
    for (const name of names) {
      for (const [target, condition] of dependenciesOf(service(services, name))) {
        assert.ok(names.includes(target), `${name} depends on unknown service ${target}`);
        assert.ok(typeof condition === 'string' && CONDITIONS.has(condition), `${name} -> ${target}: no condition`);
        const dep = service(services, target);
        if (condition === 'service_healthy') assert.ok(isDict(dep['healthcheck']), `${target} has no healthcheck`);
        if (condition === 'service_completed_successfully') assert.ok(isOneShot(target, dep), `${target} never ends`);
      }
    }
  });

  void it('runs the app processes from one image with their fixed commands', () => {
    const images = new Set(Object.keys(APP_COMMANDS).map((name) => service(services, name)['image']));
    assert.equal(images.size, 1, 'the app services must share one image');
    assert.equal(typeof [...images][0], 'string', 'the app services need an image name');
    for (const [name, command] of Object.entries(APP_COMMANDS)) {
      assert.deepEqual(service(services, name)['command'], command, name);
    }
  });

  void it('exposes the api and the workers metrics where their healthchecks and ports look', () => {
    const api = service(services, 'api');
    assert.equal(environmentOf(api).get('API_HOST'), '0.0.0.0', 'api must listen beyond loopback in its container');
    const apiPort = environmentOf(api).get('API_PORT');
    assert.ok(
      strings(api['healthcheck']).some((part) => part.includes(`:${apiPort}/healthz`)),
      'api healthcheck port',
    );
    assert.ok(
      strings(api['ports']).some((port) => port.endsWith(`:${apiPort}`)),
      'api published port',
    );
    for (const name of ['worker', 'gpu-worker']) {
      const svc = service(services, name);
      const metricsPort = environmentOf(svc).get('METRICS_PORT');
      assert.ok(metricsPort !== undefined && metricsPort !== '0', `${name}: METRICS_PORT must be set`);
      assert.ok(
        strings(svc['healthcheck']).some((part) => part.includes(`:${metricsPort}/metrics`)),
        name,
      );
    }
  });

  void it('reserves a GPU for gpu-worker', () => {
    const deploy = dict(service(services, 'gpu-worker')['deploy'], 'gpu-worker.deploy');
    const reservations = dict(dict(deploy['resources'], 'deploy.resources')['reservations'], 'reservations');
    const devices = Array.isArray(reservations['devices']) ? (reservations['devices'] as unknown[]) : [];
    const gpus = devices.filter((device) => isDict(device) && strings(device['capabilities']).includes('gpu'));
    assert.equal(gpus.length, 1, 'gpu-worker must reserve a device with capabilities [gpu]');
  });

  void it('runs temporal with PostgreSQL persistence against postgresql', () => {
    const temporal = service(services, 'temporal');
    const env = environmentOf(temporal);
    assert.equal(env.get('DB'), 'postgres12');
    assert.equal(env.get('POSTGRES_SEEDS'), 'postgresql');
    assert.equal(dependenciesOf(temporal).get('postgresql'), 'service_healthy');
  });

  void it('writes no literal secret in any environment', () => {
    for (const name of names) {
      for (const [key, value] of environmentOf(service(services, name))) {
        if (SECRET_NAME.test(key)) {
          assert.match(value, REQUIRED_INTERPOLATION, `${name}.${key} must be \${${key}:?...}, not a literal`);
        }
        const urlPassword = URL_PASSWORD.exec(value)?.[1];
        if (urlPassword !== undefined) {
          assert.match(urlPassword, REQUIRED_INTERPOLATION, `${name}.${key}: password in a URL must be interpolated`);
        }
      }
    }
  });

  void it('lists every interpolated variable in deploy/example.env, with placeholders for secrets', () => {
    const example = parseEnvFile(readFileSync(EXAMPLE_ENV_PATH, 'utf8'));
    const used = new Set(strings(compose).flatMap(interpolatedNames));
    assert.ok(used.size > 0, 'expected interpolated variables');
    for (const name of used) assert.ok(example.has(name), `${name} is missing from deploy/example.env`);
    for (const [name, value] of example) {
      if (SECRET_NAME.test(name)) assert.equal(value, 'change-me', `${name} must hold a placeholder`);
    }
  });

  void it('mounts config files that exist in the repository', () => {
    const sources = names.flatMap((name) => bindSources(service(services, name)));
    assert.ok(sources.length > 0, 'expected bind mounts from deploy/');
    for (const source of sources) assert.ok(existsSync(path.join(ROOT, source)), `${source} does not exist`);
  });

  void it('creates the databases and registers the search attributes', () => {
    const initSql = readdirSync(INITDB_DIR)
      .map((file) => readFileSync(path.join(INITDB_DIR, file), 'utf8'))
      .join('\n');
    for (const db of DATABASES) assert.match(initSql, new RegExp(`CREATE DATABASE ${db} `), db);
    // The workflows' own list (schemas/) and the brief's five must both be registered, each with its type.
    const script = readFileSync(SEARCH_ATTRIBUTES_SCRIPT, 'utf8');
    const expected = new Map<string, string>(REQUIRED_SEARCH_ATTRIBUTES.map((name) => [name, 'Keyword']));
    for (const [name, type] of Object.entries(CUSTOM_SEARCH_ATTRIBUTES)) expected.set(name, type);
    for (const [name, type] of expected)
      assert.ok(script.includes(`${name}:${type}`), `${name}:${type} not registered`);
  });
});
