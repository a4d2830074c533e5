import type { Client, TestHub } from "../../helpers/hub";

/**
 * A feature's share of the authorization matrix (tests/auth/authorization-matrix.test.ts):
 * its rows and how to make the request for each. Each feature keeps its section in its own file
 * here and lists it in ./index.ts; the matrix checks that every route, intent and socket event
 * has a row in some section.
 */
export const PERSONAS = [
  "anonymous",
  "nonMember",
  "observer",
  "member",
  "secretariat",
  "chair",
  "admin",
  "removed",
  "deactivated",
] as const;
export type Persona = (typeof PERSONAS)[number];
export type Outcome = "allow" | "login" | "403" | "404";
export type Row = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
export type Fields = Record<string, string | string[]>;

export interface PostRequest {
  path: string;
  fields?: Fields;
  form?: FormData;
  /** Another client than the persona's own (e.g. a session of its own to sign out). */
  client?: Client;
}

/** A form schema that is a discriminated union on `intent` (or one schema with a literal intent). */
export interface IntentSchema {
  options: readonly { shape: { intent: unknown } }[];
}

export interface MatrixContext {
  h: TestHub;
  /** bispebjerg-netvaerk, where every persona but nonMember and removed is (or was) a member. */
  slug: string;
  spaceId: string;
  /** The user id of each signed-in persona; for "anonymous", the network's chair. */
  users: Map<Persona, string>;
  /** The network's chair, a member every persona can see. */
  personId: string;
  /** A plain network member who is none of the personas (to own things a persona does not). */
  otherMemberId: string;
  /** A unique e-mail address for a throwaway person. */
  freshEmail(what: string): string;
  /** A number no other cell gets. */
  serial(): number;
}

export interface MatrixSection {
  rows: Record<string, Row>;
  /** Where a POST sends the person on success, per row key; any other redirect is a mismatch. */
  successRedirects?: Record<string, RegExp>;
  /** Route pattern → the intent schema of its action: every intent needs a row. */
  intents?: [pattern: string, schema: IntentSchema][];
  /** Creates what the GET rows point at; runs once before the rows. */
  setup?(ctx: MatrixContext): Promise<void>;
  /**
   * The concrete paths a GET row's pattern stands for, or undefined when not this section's.
   * `persona` is the cell being run, for paths that carry a credential of its own (a feed token).
   */
  getPaths?(
    pattern: string,
    ctx: MatrixContext,
    persona: Persona,
  ): string[] | undefined | Promise<string[] | undefined>;
  /** The request for one POST cell, with its own fresh objects; undefined when not this section's. */
  postFor?(
    key: { pattern: string; intent?: string; onAnothers: boolean },
    persona: Persona,
    ctx: MatrixContext,
  ): Promise<PostRequest | undefined>;
  /** The payload for a socket event row (after any setup emits); undefined when not this section's. */
  socketCall?(
    event: string,
    persona: Persona,
    ctx: MatrixContext,
    send: (name: string, payload: object) => Promise<{ ok: boolean; error?: string }>,
  ): Promise<{ ok: boolean; error?: string } | undefined>;
  /** Rows a refused change must leave as they were, beyond every table's row count. */
  snapshot?(ctx: MatrixContext): Promise<Record<string, string>>;
}
