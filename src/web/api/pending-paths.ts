/**
 * Endpoints of API.md the console uses that the server's OpenAPI document does not publish
 * yet. A path defined in the generated api-types.ts always wins over the one here; delete an
 * entry once it is generated.
 */
import type { paths } from "../api-types";

type UserOut = paths["/users/{id}"]["get"]["responses"][200]["content"]["application/json"];
type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type IdParam = { query?: never; header?: never; path: { id: string }; cookie?: never };
type Body<T> = { content: { "application/json": T } };

interface PendingPaths {
  "/licenses": {
    parameters: NoParams;
    get: {
      parameters: NoParams;
      requestBody?: never;
      responses: {
        200: Json<{
          plan: "monthly" | "annual";
          price_cents: number;
          currency: string;
          total: number;
          occupied: number;
          available: number;
          pending_removal: number;
          period_start: string;
          period_end: string;
          remove_unused_at_renewal: boolean;
          next_bill_estimate_cents: number;
        }>;
      };
    };
  };
  "/users/{id}/deactivate": {
    parameters: NoParams;
    post: {
      parameters: IdParam;
      requestBody: Body<{ remove_license_at_next_bill?: boolean; leave_work?: boolean }>;
      responses: { 200: Json<{ user: UserOut; private_matters: number }> };
    };
  };
  "/users/{id}/reactivate": {
    parameters: NoParams;
    post: {
      parameters: IdParam;
      requestBody: Body<{ email?: string; confirm_purchase?: boolean }>;
      responses: { 200: Json<UserOut> };
    };
  };
  "/users/{id}/scheduled-deactivation": {
    parameters: NoParams;
    delete: { parameters: IdParam; requestBody?: never; responses: { 204: NoContent } };
  };
  "/invitations/{id}/resend": {
    parameters: NoParams;
    post: {
      parameters: IdParam;
      requestBody?: never;
      responses: { 200: Json<{ id: string; expires_at: string }> };
    };
  };
  "/invitations/{id}": {
    parameters: NoParams;
    delete: { parameters: IdParam; requestBody?: never; responses: { 204: NoContent } };
  };
}

/** What the typed client knows: the generated paths, then the ones still pending. */
export type ApiPaths = paths & Omit<PendingPaths, keyof paths>;
