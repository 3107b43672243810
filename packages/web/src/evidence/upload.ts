import { ApiError, errorFrom, getCsrfToken } from "../app/api";

/**
 * Upload a file as multipart with progress: fetch cannot report upload progress, XMLHttpRequest
 * can. Fields go first, the file last, as the server expects nothing about order anyway.
 */
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
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append("indicator", fields.indicator);
    if (fields.level !== undefined) form.append("level", String(fields.level));
    // In a framework with evidence items the item names the level; its note goes with it.
    if (fields.item) form.append("item", fields.item);
    if (fields.note) form.append("note", fields.note);
    if (fields.evidenceId) form.append("evidenceId", fields.evidenceId);
    form.append("title", fields.title);
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/assessments/${assessmentId}/evidence`);
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
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as { evidenceId: string; sha256: string });
      else reject(errorFrom(xhr.status, data, xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, "network_error", "The server cannot be reached"));
    xhr.send(form);
  });
}
