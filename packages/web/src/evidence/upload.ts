import { ApiError, errorFrom, getCsrfToken } from "../app/api";

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

/** Upload a file as evidence for a level or an item. Fields go first, the file last. */
export function uploadEvidence(
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
  onProgress: (fraction: number) => void,
): Promise<{ evidenceId: string; sha256: string }> {
  const form = new FormData();
  form.append("indicator", fields.indicator);
  if (fields.level !== undefined) form.append("level", String(fields.level));
  // In a framework with evidence items the item names the level; its note goes with it.
  if (fields.item) form.append("item", fields.item);
  if (fields.note) form.append("note", fields.note);
  if (fields.evidenceId) form.append("evidenceId", fields.evidenceId);
  form.append("title", fields.title);
  form.append("file", file, file.name);
  return sendForm(`/api/assessments/${assessmentId}/evidence`, form, onProgress);
}
