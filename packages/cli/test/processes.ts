// Starting `matang serve` (and other servers) as real processes in tests.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../server/test/harness.js";

export const bin = join(dirname(fileURLToPath(import.meta.url)), "../bin/matang.js");

export { freePort };

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

/** Log in to a running Matang as a browser would: the session cookie and the CSRF token. */
export async function logInTo(base: string, email: string, password: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const csrf = login.ok ? ((await login.json()) as { csrfToken: string }).csrfToken : "";
  return { status: login.status, cookie, csrf };
}
