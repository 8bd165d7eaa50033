/** Bulk import of users (IMP): the upload, its progress stream (IMP-8) and its files. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { paths as ApiPaths } from "../api-types";
import { api } from "./client";
import { isProblem } from "./problem";
import { keys } from "./queries";
import type { ImportRun } from "./types";

/** IMP-1: the template, downloaded by the browser with the session cookie. */
export const IMPORT_TEMPLATE_URL = "/api/v1/imports/users/template.csv";

/** IMP-4: every row of a failed import's file with an `errors` column. */
export const importErrorsUrl = (id: string) => `/api/v1/imports/${encodeURIComponent(id)}/errors.csv`;

export interface ImportProgress {
  processed: number;
  rows: number;
}

export interface ImportRequest {
  file: File;
  roleIds: string[];
  sendWelcomeEmail: boolean;
  confirmPurchase: boolean;
}

const flag = (on: boolean) => (on ? "true" : "false");

/**
 * IMP-8: follows a running import on its event stream until its `done`. A stream that breaks
 * before then is not trusted to have said everything: the import is read, and followed again
 * while it still runs. One that ended without being kept (rolled back whole) is a failed run.
 */
function follow(started: ImportRun, onProgress: (progress: ImportProgress) => void): Promise<ImportRun> {
  const id = started.id;
  return new Promise((resolve, reject) => {
    const listen = () => {
      const source = new EventSource(`/api/v1/imports/${encodeURIComponent(id)}/progress`);
      source.addEventListener("progress", (event) => onProgress(JSON.parse((event as MessageEvent<string>).data) as ImportProgress));
      source.addEventListener("done", (event) => {
        source.close();
        resolve(JSON.parse((event as MessageEvent<string>).data) as ImportRun);
      });
      source.onerror = () => {
        source.close();
        api.GET("/imports/{id}", { params: { path: { id } } }).then(
          ({ data }) => {
            if (data!.status === "running") window.setTimeout(listen, 1000);
            else resolve(data!);
          },
          (error: unknown) => (isProblem(error, "not_found") ? resolve({ ...started, status: "failed", imported: 0 }) : reject(error)),
        );
      };
    };
    listen();
  });
}

/** Everything an import moves: the lists (the Invited tab), roles' holders, licenses and, after a purchase, the bill and the subscription. */
function useRefreshAfterImport() {
  const client = useQueryClient();
  return (run: ImportRun) =>
    Promise.all([
      client.invalidateQueries({ queryKey: ["users"] }),
      client.invalidateQueries({ queryKey: keys.roles }),
      client.invalidateQueries({ queryKey: keys.licenses }),
      client.invalidateQueries({ queryKey: ["license-quote"] }),
      run.charge ? client.invalidateQueries({ queryKey: keys.charges }) : null,
      run.charge ? client.invalidateQueries({ queryKey: keys.firm }) : null,
      run.charge ? client.invalidateQueries({ queryKey: keys.me }) : null,
    ]);
}

/**
 * Uploads the file (multipart) asking for an early answer, then follows the import to its end;
 * resolves with the import as it ended, completed or failed. Errors (a file that is no CSV of
 * users, `license_purchase_required` with its quote) are left to the dialog.
 */
export function useImportUsers(onProgress: (progress: ImportProgress) => void) {
  const refresh = useRefreshAfterImport();
  return useMutation({
    mutationFn: async ({ request, key }: { request: ImportRequest; key: string }) => {
      type Form = ApiPaths["/imports/users"]["post"]["requestBody"]["content"]["multipart/form-data"];
      const fields: Form = {
        file: request.file.name,
        role_ids: request.roleIds,
        send_welcome_email: flag(request.sendWelcomeEmail),
        confirm_purchase: flag(request.confirmPurchase),
      };
      const { data } = await api.POST("/imports/users", {
        params: { header: { "Idempotency-Key": key, prefer: "respond-async" } },
        body: fields,
        // The typed fields, sent as the form they describe, with the file itself.
        bodySerializer: () => {
          const form = new FormData();
          for (const id of fields.role_ids) form.append("role_ids", id);
          form.append("send_welcome_email", fields.send_welcome_email ?? "false");
          form.append("confirm_purchase", fields.confirm_purchase ?? "false");
          form.append("file", request.file, request.file.name);
          return form;
        },
      });
      const started = data!;
      if (started.status !== "running") return started;
      onProgress({ processed: 0, rows: started.rows });
      const ended = await follow(started, onProgress);
      // The licenses were bought before the import began, and the early answer said so; a stored
      // import read afterwards may not repeat it.
      return { ...ended, charge: ended.charge ?? started.charge };
    },
    onSuccess: (run) => (run.status === "completed" ? refresh(run) : undefined),
  });
}
