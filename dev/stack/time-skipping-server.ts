import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toolCacheDir } from './tool-cache';

const MAIN_CLASS = 'io.temporal.testserver.TestServer';
const POM_DIR = path.join(import.meta.dirname, 'time-skipping');

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The classpath of sdk-java's test server, resolved with Maven from Maven Central into the tool cache once. */
function resolveClasspath(cache: string, log: (line: string) => void): string {
  const file = path.join(cache, 'time-skipping.classpath');
  if (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    if (!onPath('mvn')) {
      throw new Error(
        `The time-skipping test server is not resolved (${file} is missing) and Maven is not installed: install ` +
          'Maven and Java 17+ (e.g. apt-get install maven openjdk-17-jre-headless), or run .ci/run once.',
      );
    }
    log('resolving the Temporal time-skipping test server with Maven (first run only)…');
    const result = spawnSync(
      'mvn',
      [
        '-q',
        '-B',
        `-Dmaven.repo.local=${path.join(cache, 'm2')}`,
        'dependency:build-classpath',
        `-Dmdep.outputFile=${file}`,
      ],
      { cwd: POM_DIR, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (result.status !== 0 || !existsSync(file)) throw new Error('mvn dependency:build-classpath failed');
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * An executable that starts sdk-java's time-skipping test server, for
 * `TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } })`.
 * The SDK runs it with the port as the only argument (sdk-core's TestServerConfig: `args = [port, …extraArgs]`),
 * which is exactly what `TestServer` expects, so the wrapper passes its arguments through. `exec` makes java the
 * process the SDK stops at shutdown.
 */
export function timeSkippingServerExecutable(log: (line: string) => void = () => {}): string {
  if (!onPath('java')) {
    throw new Error(
      'Java 17+ is needed for the time-skipping test server (e.g. apt-get install openjdk-17-jre-headless)',
    );
  }
  const cache = toolCacheDir();
  mkdirSync(cache, { recursive: true });
  const classpath = resolveClasspath(cache, log);
  const wrapper = path.join(cache, 'bin', 'temporal-time-skipping-server');
  const script = `#!/bin/sh\n# Written by dev/stack/time-skipping-server.ts\nexec java -cp '${classpath}' ${MAIN_CLASS} "$@"\n`;
  mkdirSync(path.dirname(wrapper), { recursive: true });
  if (!existsSync(wrapper) || readFileSync(wrapper, 'utf8') !== script) {
    // Written aside and renamed: test runs in parallel never execute a half-written script.
    const temporary = `${wrapper}.${process.pid}`;
    writeFileSync(temporary, script, { mode: 0o755 });
    chmodSync(temporary, 0o755);
    renameSync(temporary, wrapper);
  }
  return wrapper;
}
