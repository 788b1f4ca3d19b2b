import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/** Where Debian's clickhouse-server (18.16) lives; undefined when it is not installed. */
export function clickHouseBinary(): string | undefined {
  const r = spawnSync("sh", ["-c", "command -v clickhouse-server"], { encoding: "utf8" })
  return r.status === 0 ? r.stdout.trim() : undefined
}

/** One server: its ports and process. */
export interface ClickHouseServer {
  httpPort: number
  tcpPort: number
  process: ChildProcess
}

function config(dir: string, http: number, tcp: number, inter: number, shards: number[]): string {
  const replicas = shards
    .map((port) => `<shard><replica><host>127.0.0.1</host><port>${port}</port></replica></shard>`)
    .join("")
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <interserver_http_port>${inter}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>/etc/clickhouse-server/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <remote_servers><two_shards>${replicas}</two_shards></remote_servers>
</yandex>
`
}

/**
 * Starts two clickhouse-server processes on loopback ports from `basePort`, each with its own
 * data folder under `root`, both knowing the cluster `two_shards` (one shard per server).
 * Resolves when both answer /ping.
 */
export async function startTwoServers(binary: string, root: string, basePort: number): Promise<ClickHouseServer[]> {
  const tcp = [basePort + 1, basePort + 11]
  const servers: ClickHouseServer[] = []
  for (let s = 0; s < 2; s++) {
    const dir = join(root, `server${s}`)
    mkdirSync(dir, { recursive: true })
    const http = basePort + 10 * s
    writeFileSync(join(dir, "config.xml"), config(dir, http, tcp[s], basePort + 2 + 10 * s, tcp))
    const child = spawn(binary, [`--config-file=${join(dir, "config.xml")}`], { cwd: dir, stdio: "ignore" })
    servers.push({ httpPort: http, tcpPort: tcp[s], process: child })
  }
  for (const server of servers) await waitForPing(server.httpPort)
  return servers
}

async function waitForPing(port: number): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/ping`)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`clickhouse-server on port ${port} did not start within 60 s`)
}

/** Stops the servers this test started (by their process ids) and waits for them to exit. */
export async function stopServers(servers: readonly ClickHouseServer[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.process.exitCode !== null) return resolve()
          s.process.once("exit", () => resolve())
          s.process.kill("SIGTERM")
        }),
    ),
  )
}
