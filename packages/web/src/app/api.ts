// The one way the app talks to the server: JSON in and out, the CSRF header on writes, and
// errors as ApiError carrying the server's machine code (translated for the user by the caller).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;

/** Remember the session's CSRF token (from login or /api/auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export const getCsrfToken = () => csrfToken;

/** Turn an error response body into an ApiError (shared by fetch and upload requests). */
export function errorFrom(status: number, data: unknown, fallback: string): ApiError {
  const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return new ApiError(
    status,
    error?.code ?? "http_error",
    error?.message ?? fallback,
    error?.details ?? null,
  );
}

export async function api<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network_error", "The server cannot be reached");
  }
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) throw errorFrom(response.status, data, response.statusText);
  return data as T;
}
