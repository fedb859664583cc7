/**
 * Request/response over Node's child-process IPC channel. The benchmark puts the SES stub and
 * every sender in processes of their own, so that `process.cpuUsage()` and RSS in a sender are
 * that sender's alone, and one path's warm state (JIT, TLS session cache, loaded chunks) cannot
 * help the next. The parent drives each child with calls like `batch` or `counts`; the child
 * answers each call with the handler's result.
 */
import { fork, type ChildProcess } from 'node:child_process';

type Call = { id: number; method: string; params: unknown };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export type Worker = {
  /** Calls `method` in the child and resolves with its handler's result. */
  call: <T>(method: string, params?: unknown) => Promise<T>;
  /** Asks the child to exit and waits until it has. */
  close: () => Promise<void>;
  child: ChildProcess;
};

export type StartOptions = {
  env?: NodeJS.ProcessEnv;
  /** Extra flags for `node` itself, e.g. `--expose-gc` or `--cpu-prof`. */
  nodeFlags?: string[];
};

/** Forks `script` (a compiled .mjs, see compile.ts) on plain node and returns a handle to call it. */
export const startWorker = (script: string, { env = {}, nodeFlags = [] }: StartOptions = {}): Worker => {
  const child = fork(script, [], {
    execArgv: nodeFlags,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      for (const { reject } of pending.values()) {
        reject(new Error(`${script} exited (code ${String(code)}, signal ${String(signal)}) during a call`));
      }
      pending.clear();
      resolve();
    });
  });
  child.on('message', (message: Reply) => {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) {
      waiting?.resolve(message.value);
    } else {
      waiting?.reject(new Error(`${script}: ${message.error}`));
    }
  });

  const call = async <T>(method: string, params?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, method, params } satisfies Call);
    });

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.disconnect();
    }
    await exited;
  };

  return { call, close, child };
};

// Each handler names its own parameter type; the IPC message is untyped JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handlers = Record<string, (params: any) => unknown>;

/**
 * The child's side: answers each call with its handler's result, and exits when the parent
 * disconnects (or dies), so a failed run never leaves a stub or a sender behind.
 */
export const serve = (handlers: Handlers, onExit: () => Promise<void> | void = () => undefined) => {
  const answer = async ({ id, method, params }: Call) => {
    let reply: Reply;
    try {
      const handler = handlers[method];
      if (!handler) {
        throw new Error(`no method ${method}`);
      }
      reply = { id, ok: true, value: await handler(params) };
    } catch (error: unknown) {
      reply = { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    process.send?.(reply);
  };
  process.on('message', (call: Call) => void answer(call));
  process.once('disconnect', () => {
    void (async () => {
      await onExit();
      process.exit(0);
    })();
  });
};
