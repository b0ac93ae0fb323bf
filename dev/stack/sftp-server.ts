import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isPortOpen, stopChild } from './child-processes';

export interface SftpServer {
  host: string;
  port: number;
  username: string;
  privateKeyFile: string;
  /** The folder clients upload to. */
  remoteDir: string;
  /** Where uploaded files land on this machine. */
  localDir: string;
  /** Stops sshd (the port stays reserved for `start`). */
  stop(): Promise<void>;
  /** Starts sshd again on the same port. */
  start(): Promise<void>;
}

const SSHD = ['/usr/sbin/sshd', '/usr/local/sbin/sshd'].find((p) => existsSync(p));

/**
 * A real OpenSSH SFTP server on loopback for tests: its own config, host key and authorized key in `dir`, a free
 * high port, sftp only (ForceCommand internal-sftp), key authentication only. It admits the current account: as
 * root by key (PermitRootLogin prohibit-password), as another user because sshd not running as root can only
 * admit that same user. No ChrootDirectory: sshd demands every component of its path be root-owned and not
 * writable by others, which a scratch folder under /tmp never is.
 */
export async function startSftpServer(options: { dir: string; log?: (line: string) => void }): Promise<SftpServer> {
  if (!SSHD) throw new Error('sshd not found: install openssh-server');
  const dir = options.dir;
  mkdirSync(dir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  const username = os.userInfo().username;
  const keygen = (file: string) => {
    if (existsSync(file)) return;
    const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
  };
  keygen(path.join(dir, 'host_ed25519'));
  keygen(path.join(dir, 'client_ed25519'));
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_ed25519.pub')), { mode: 0o600 });
  const localDir = path.join(dir, 'upload');
  mkdirSync(localDir, { recursive: true, mode: 0o755 });
  // sshd's privilege-separation folder; Debian's init script creates it, a bare container may not have it.
  if (asRoot && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(dir, 'host_ed25519')}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    // The scratch folder lives under /tmp (world-writable), which StrictModes would refuse.
    'StrictModes no',
    `AllowUsers ${username}`,
    ...(asRoot ? ['PermitRootLogin prohibit-password'] : []),
    'Subsystem sftp internal-sftp',
    'ForceCommand internal-sftp',
    'LogLevel ERROR',
  ];
  const configFile = path.join(dir, 'sshd_config');
  writeFileSync(configFile, config.join('\n') + '\n');
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(SSHD, ['-D', '-e', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    // The readiness probe's bare connect makes sshd complain about a missing identification: not worth a line.
    child.stderr?.on('data', (d: Buffer) => {
      const text = d.toString().trim();
      if (!/kex_exchange_identification|Connection closed by/.test(text)) options.log?.(`sshd: ${text}`);
    });
    const exited = new Promise<never>((_, reject) =>
      child?.once('exit', (code) => reject(new Error(`sshd exited with ${code}`))),
    );
    exited.catch(() => undefined);
    for (let i = 0; i < 100; i++) {
      if (await isPortOpen('127.0.0.1', port)) return;
      if (child.exitCode !== null) await exited;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('sshd did not open its port');
  };
  await start();
  return {
    host: '127.0.0.1',
    port,
    username,
    privateKeyFile: path.join(dir, 'client_ed25519'),
    remoteDir: localDir,
    localDir,
    async stop() {
      if (child) await stopChild(child, 5000);
      child = null;
    },
    start,
  };
}
