// Starting `matang serve` (and other servers) as real processes in tests.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const bin = join(dirname(fileURLToPath(import.meta.url)), "../bin/matang.js");

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Wait until the process prints `ready`; returns everything it printed by then (and keeps reading). */
export async function started(proc: ChildProcess, ready: string, timeoutMs = 90_000): Promise<() => string> {
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start in time:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return () => output;
}

/** `matang serve` on a free port with `env`; resolves once its banner is out. */
export async function serveMatang(env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, "serve", "--port", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = await started(child, "API documentation:");
  return { child, port, base: `http://127.0.0.1:${port}`, output };
}
