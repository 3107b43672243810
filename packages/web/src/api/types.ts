// Names for the server's contract, taken from the generated schema.ts (never written by hand).
import type { components, paths } from "./schema";

export type { paths };
export type Schemas = components["schemas"];

type Method = "get" | "post" | "put" | "delete";
type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;

/** What a route answers on success (200, else 201), as the server's OpenAPI document says. */
export type Answer<P extends keyof paths, M extends Method = "get"> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer Ok }
    ? JsonOf<Ok>
    : R extends { 201: infer Created }
      ? JsonOf<Created>
      : never
  : never;

/** What a route takes as its JSON body. */
export type Body<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer T } };
}
  ? T
  : never;
