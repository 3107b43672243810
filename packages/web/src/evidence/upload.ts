import { ApiError, api, errorFrom, getCsrfToken } from "../app/api";

/** What an upload is doing: sending, or waiting to go on after the connection dropped. */
export type UploadState = "sending" | "resuming";

/** Pieces of 8 MB: a proxy that holds a piece until it is whole loses at most that much. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** After a drop: at once, then ever longer, for about ten minutes of a regional connection. */
const RETRY_DELAYS = [
  0, 1000, 3000, 5000, 10_000, 20_000, 30_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000,
  60_000,
];

/**
 * Send a multipart form with upload progress: fetch cannot report upload progress,
 * XMLHttpRequest can.
 */
export function sendForm<T>(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader("x-csrf-token", csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below by status
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(errorFrom(xhr.status, data, xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, "network_error", "The server cannot be reached"));
    xhr.send(form);
  });
}

/**
 * Upload a file as evidence for a level or an item. The bytes go by the tus protocol, so a
 * dropped connection (or a closed tab, for the same file) goes on from where the server stopped
 * receiving; once all are in, the fields make it evidence.
 */
export async function uploadEvidence(
  assessmentId: string,
  fields: {
    indicator: string;
    level?: number;
    item?: string;
    note?: string;
    title: string;
    evidenceId?: string;
  },
  file: File,
  onProgress: (fraction: number, state?: UploadState) => void,
): Promise<{ evidenceId: string; sha256: string }> {
  // Loaded when someone uploads, not with the page.
  const { Upload } = await import("tus-js-client");
  const id = await new Promise<string>((resolve, reject) => {
    let fraction = 0;
    const upload = new Upload(file, {
      endpoint: "/api/uploads",
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS,
      removeFingerprintOnSuccess: true,
      headers: { "x-csrf-token": getCsrfToken() ?? "" },
      metadata: { filename: file.name, filetype: file.type, assessment: assessmentId },
      onProgress(sent, total) {
        fraction = total > 0 ? sent / total : 0;
        onProgress(fraction, "sending");
      },
      onShouldRetry(error) {
        // Refusals (too large, no room, not yours) are answers; anything else is the connection.
        const status = error.originalResponse?.getStatus() ?? 0;
        const retry = !(status >= 400 && status < 500) || status === 409 || status === 423;
        if (retry) onProgress(fraction, "resuming");
        return retry;
      },
      onError(error) {
        const response = "originalResponse" in error ? error.originalResponse : null;
        if (!response) {
          reject(new ApiError(0, "network_error", "The server cannot be reached"));
          return;
        }
        let data: unknown = null;
        try {
          data = JSON.parse(response.getBody());
        } catch {
          // not JSON: reported by status
        }
        reject(errorFrom(response.getStatus(), data, error.message));
      },
      onSuccess() {
        resolve((upload.url ?? "").split("/").pop() ?? "");
      },
    });
    // The same file begun before (a reload, a closed laptop) goes on where it stopped.
    upload
      .findPreviousUploads()
      .then((previous) => {
        const last = previous[0];
        if (last) upload.resumeFromPreviousUpload(last);
        upload.start();
      })
      .catch(() => upload.start());
  });
  return api("POST", `/api/assessments/${assessmentId}/evidence/resumable`, { ...fields, upload: id });
}
