import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthError,
  authenticateSession,
  authenticateToken,
  createApiToken,
  createUser,
  login,
  logout,
  PasswordPolicyError,
  resetPassword,
} from "../src/auth/service.js";
import { auditLog } from "../src/db/schema.js";
import { ENGINES, type TestDatabase, testDatabase } from "./harness.js";

const system = { id: null, label: "system" };
const request = { address: "127.0.0.1", userAgent: "vitest" };

describe.each(ENGINES)("accounts and sessions on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase(engine);
    await createUser(database.db, system, {
      email: "Koordinator@Contoh.go.id",
      name: "Koordinator SPBE",
      password: "rahasia-panjang-1",
      grants: [{ role: "admin", organizationId: null }],
    });
  });
  afterAll(() => database.destroy());

  it("logs in with the right password (e-mail case-insensitive) and resolves the session", async () => {
    const result = await login(database.db, {
      ...request,
      email: "koordinator@contoh.go.id",
      password: "rahasia-panjang-1",
    });
    const auth = await authenticateSession(database.db, result.sessionToken);
    expect(auth?.principal).toMatchObject({
      label: "Koordinator@Contoh.go.id",
      grants: [{ role: "admin", organizationId: null }],
    });
    expect(auth?.csrfToken).toBe(result.csrfToken);
    expect(await authenticateSession(database.db, "not-a-session")).toBeNull();
  });

  it("rotates the session at login: the old one stops working", async () => {
    const first = await login(database.db, {
      ...request,
      email: "koordinator@contoh.go.id",
      password: "rahasia-panjang-1",
    });
    const second = await login(database.db, {
      ...request,
      email: "koordinator@contoh.go.id",
      password: "rahasia-panjang-1",
      previousSession: first.sessionToken,
    });
    expect(second.sessionToken).not.toBe(first.sessionToken);
    expect(await authenticateSession(database.db, first.sessionToken)).toBeNull();
    expect(await authenticateSession(database.db, second.sessionToken)).not.toBeNull();
  });

  it("expires sessions", async () => {
    const result = await login(database.db, {
      ...request,
      email: "koordinator@contoh.go.id",
      password: "rahasia-panjang-1",
    });
    const later = new Date(result.expiresAt.getTime() + 1000);
    expect(await authenticateSession(database.db, result.sessionToken, later)).toBeNull();
  });

  it("logs out one session, or everywhere", async () => {
    const a = await login(database.db, {
      ...request,
      email: "koordinator@contoh.go.id",
      password: "rahasia-panjang-1",
    });
    const b = await login(database.db, {
      ...request,
      email: "koordinator@contoh.go.id",
      password: "rahasia-panjang-1",
    });
    const authA = await authenticateSession(database.db, a.sessionToken);
    if (!authA) throw new Error("no session");
    await logout(database.db, authA, null);
    expect(await authenticateSession(database.db, a.sessionToken)).toBeNull();
    expect(await authenticateSession(database.db, b.sessionToken)).not.toBeNull();
    const authB = await authenticateSession(database.db, b.sessionToken);
    if (!authB) throw new Error("no session");
    await logout(database.db, authB, null, true);
    expect(await authenticateSession(database.db, b.sessionToken)).toBeNull();
  });

  it("refuses wrong passwords and unknown e-mails alike, and locks after repeated failures", async () => {
    await createUser(database.db, system, {
      email: "operator@contoh.go.id",
      name: "Operator",
      password: "benar-sekali-1",
      grants: [],
    });
    const attempt = (password: string, now?: Date) =>
      login(database.db, { ...request, email: "operator@contoh.go.id", password }, undefined, now);
    await expect(
      login(database.db, { ...request, email: "siapa@contoh.go.id", password: "x" }),
    ).rejects.toMatchObject({
      code: "invalid_credentials",
    });
    for (let i = 0; i < 5; i++)
      await expect(attempt("salah")).rejects.toMatchObject({ code: "invalid_credentials" });
    // Locked now: even the right password is refused until the lock expires.
    const locked = await attempt("benar-sekali-1").catch((e) => e);
    expect(locked).toBeInstanceOf(AuthError);
    expect(locked).toMatchObject({ code: "account_locked" });
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    const afterLock = new Date(Date.now() + 16 * 60_000);
    await expect(attempt("benar-sekali-1", afterLock)).resolves.toMatchObject({ userId: expect.any(String) });
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.action, "auth.locked"));
    expect(entries).toHaveLength(1);
  });

  it("issues API tokens stored hashed, usable as bearer tokens", async () => {
    const session = await login(database.db, {
      ...request,
      email: "koordinator@contoh.go.id",
      password: "rahasia-panjang-1",
    });
    const auth = await authenticateSession(database.db, session.sessionToken);
    if (!auth) throw new Error("no session");
    const { token } = await createApiToken(database.db, auth, "integrasi");
    expect(token).toMatch(/^mtg_/);
    expect((await authenticateToken(database.db, token.slice(4)))?.principal.label).toBe(
      "Koordinator@Contoh.go.id",
    );
    expect(await authenticateToken(database.db, "mtg_nope")).toBeNull();
  });

  it("resets a password, ending the user's sessions", async () => {
    const session = await login(database.db, {
      ...request,
      email: "koordinator@contoh.go.id",
      password: "rahasia-panjang-1",
    });
    await expect(
      resetPassword(database.db, system, "koordinator@contoh.go.id", "pendek"),
    ).rejects.toBeInstanceOf(PasswordPolicyError);
    await resetPassword(database.db, system, "koordinator@contoh.go.id", "kata-sandi-baru-2");
    expect(await authenticateSession(database.db, session.sessionToken)).toBeNull();
    await expect(
      login(database.db, { ...request, email: "koordinator@contoh.go.id", password: "kata-sandi-baru-2" }),
    ).resolves.toBeTruthy();
  });
});
