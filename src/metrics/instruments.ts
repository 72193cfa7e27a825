import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's metrics, in one prom-client registry. One registry per process, as Prometheus
 * scrapes processes: the call sites (sign-in, the LDAP client, the sync runner) count with one
 * line each, without Nest injection. Names follow https://prometheus.io/docs/practices/naming/.
 */
export const metricsRegistry = new Registry();

/** Sign-ins by outcome (success, failure, throttled) and method (ldap, local, sso; password when not yet known). */
export const signIns = new Counter({
  name: 'helpdesk_sign_ins_total',
  help: 'Sign-ins by outcome and method',
  labelNames: ['outcome', 'method'] as const,
  registers: [metricsRegistry],
});

/** Directory operations (connect, starttls, bind, search) by server (host:port) and result (ok, error), in seconds. */
export const directoryOperationSeconds = new Histogram({
  name: 'helpdesk_ldap_operation_duration_seconds',
  help: 'Directory operation latency by operation and server',
  labelNames: ['operation', 'server', 'result'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/**
 * Per server (host:port) of the failover list: 1 while it is used, 0 while it is marked down (it
 * refused, timed out, failed TLS or the service bind, or dropped a connection; see ServerHealth).
 */
export const directoryServerUp = new Gauge({
  name: 'helpdesk_ldap_server_up',
  help: 'Whether the directory server is usable (1) or marked down for a back-off (0)',
  labelNames: ['server'] as const,
  registers: [metricsRegistry],
});

/** Connections of the sign-in bind pool, open or opening, idle ones included. */
export const bindPoolConnections = new Gauge({
  name: 'helpdesk_ldap_bind_pool_connections',
  help: 'Connections in the sign-in bind pool (open or opening)',
  registers: [metricsRegistry],
});

/** Finished sync runs by status (succeeded, failed, needs_confirmation) and mode. */
export const syncRuns = new Counter({
  name: 'helpdesk_sync_runs_total',
  help: 'Finished directory sync runs by status and mode',
  labelNames: ['status', 'mode'] as const,
  registers: [metricsRegistry],
});

/** Sync run duration in seconds, by status and mode. */
export const syncRunSeconds = new Histogram({
  name: 'helpdesk_sync_run_duration_seconds',
  help: 'Directory sync run duration by status and mode',
  labelNames: ['status', 'mode'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [metricsRegistry],
});

/** Users by source (local, ldap) and status (active, disabled), read from the database at each scrape. */
export const usersGauge = new Gauge({
  name: 'helpdesk_users',
  help: 'Users by source and status',
  labelNames: ['source', 'status'] as const,
  registers: [metricsRegistry],
});

/** Records one finished sync run (duration in milliseconds). */
export function recordSyncRun(status: string, mode: string, durationMs: number): void {
  syncRuns.inc({ status, mode });
  syncRunSeconds.observe({ status, mode }, durationMs / 1000);
}

/** Runs a directory operation, observing its latency and, for connect, the server's state. */
export async function timeDirectoryOperation<T>(operation: string, server: string, fn: () => Promise<T>): Promise<T> {
  const end = directoryOperationSeconds.startTimer({ operation, server });
  try {
    const result = await fn();
    end({ result: 'ok' });
    return result;
  } catch (error) {
    end({ result: 'error' });
    throw error;
  }
}
