import { beforeEach, describe, expect, it } from 'vitest';
import { SessionIssuer } from '../../../src/modules/identity/application/session-issuer.js';
import { ChangePassword } from '../../../src/modules/identity/application/use-cases/change-password.js';
import { ChangeUserRole } from '../../../src/modules/identity/application/use-cases/change-user-role.js';
import { CreateAdmin } from '../../../src/modules/identity/application/use-cases/create-admin.js';
import { Email } from '../../../src/modules/identity/domain/value-objects/email.js';
import { PurgeSpentRefreshTokens } from '../../../src/modules/identity/application/use-cases/purge-spent-refresh-tokens.js';
import { LogIn } from '../../../src/modules/identity/application/use-cases/log-in.js';
import { LogOut } from '../../../src/modules/identity/application/use-cases/log-out.js';
import { RefreshSession } from '../../../src/modules/identity/application/use-cases/refresh-session.js';
import { RegisterUser, SELF_REGISTRATION_FLAG } from '../../../src/modules/identity/application/use-cases/register-user.js';
import {
  CountingOpaqueTokens,
  FakeAccessTokens,
  InMemoryRefreshTokens,
  InMemoryUsers,
  PassThroughUnitOfWork,
  PlainPasswordHasher,
  RecordingEvents,
  SequentialIds,
  StaticFlags,
} from '../../support/fakes.js';
import { FixedClock } from '../../support/fixed-clock.js';

const PASSWORD = 'a long enough passphrase';
const DAY_MS = 86_400_000;
const GRACE_MS = 10_000;

describe('identity use cases', () => {
  let clock: FixedClock;
  let users: InMemoryUsers;
  let refreshTokens: InMemoryRefreshTokens;
  let events: RecordingEvents;
  let opaque: CountingOpaqueTokens;
  let register: (flags?: StaticFlags) => RegisterUser;
  let logIn: LogIn;
  let refresh: RefreshSession;
  let createAdmin: CreateAdmin;
  let hasher: PlainPasswordHasher;

  beforeEach(() => {
    clock = new FixedClock();
    users = new InMemoryUsers();
    refreshTokens = new InMemoryRefreshTokens();
    events = new RecordingEvents();
    opaque = new CountingOpaqueTokens();
    const ids = new SequentialIds();
    hasher = new PlainPasswordHasher();
    const sessions = new SessionIssuer(refreshTokens, new FakeAccessTokens(), opaque, ids, clock, 30);
    register = (flags = new StaticFlags()) => new RegisterUser(users, hasher, flags, events, new PassThroughUnitOfWork(), ids, clock);
    logIn = new LogIn(users, hasher, sessions);
    refresh = new RefreshSession(refreshTokens, users, opaque, sessions, new PassThroughUnitOfWork(), clock, GRACE_MS);
    createAdmin = new CreateAdmin(users, hasher, events, new PassThroughUnitOfWork(), ids, clock);
  });

  it('registers a member with a normalised email and publishes the event', async () => {
    const user = await register().execute({ email: ' Ann@Example.TEST ', password: PASSWORD });
    expect(user).toMatchObject({ email: 'ann@example.test', role: 'member' });
    expect(events.published.map((event) => event.name)).toEqual(['identity.user-registered']);
    await expect(register().execute({ email: 'ann@example.test', password: PASSWORD })).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
  });

  it('never makes an admin on sign-up; the operator command creates or promotes one', async () => {
    await expect(register().execute({ email: ' Boss@Example.test ', password: PASSWORD })).resolves.toMatchObject({ role: 'member' });
    await expect(register().execute({ email: 'x@example.test', password: 'short' })).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    await expect(createAdmin.execute({ email: 'boss@example.test' })).resolves.toMatchObject({ created: false, user: { role: 'admin' } });
    await expect(createAdmin.execute({ email: 'root@example.test', password: PASSWORD })).resolves.toMatchObject({ created: true, user: { role: 'admin' } });
    await expect(createAdmin.execute({ email: 'nobody@example.test' })).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
  });

  it('never hands an admin address claimed by sign-up to its claimant when the operator means to create it', async () => {
    // Someone registers the address the operator is about to create, with a password they know.
    await register().execute({ email: ' Ops@Example.test ', password: PASSWORD });
    await expect(createAdmin.execute({ email: 'ops@example.test', password: 'the operator’s own passphrase' })).rejects.toMatchObject({ code: 'ACCOUNT_EXISTS' });
    expect((await users.findByEmail(Email.create('ops@example.test')))?.role).toBe('member');
  });

  it('closes registration when the feature flag is off', async () => {
    const closed = register(new StaticFlags({ [SELF_REGISTRATION_FLAG]: false }));
    await expect(closed.execute({ email: 'ann@example.test', password: PASSWORD })).rejects.toMatchObject({ code: 'REGISTRATION_CLOSED' });
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    await register().execute({ email: 'ann@example.test', password: PASSWORD });
    await expect(logIn.execute({ email: 'nobody@example.test', password: PASSWORD })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(logIn.execute({ email: 'ann@example.test', password: 'wrong password!!' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('rotates the refresh token on every use', async () => {
    await register().execute({ email: 'ann@example.test', password: PASSWORD });
    const first = await logIn.execute({ email: 'ann@example.test', password: PASSWORD });
    const second = await refresh.execute({ refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await expect(refresh.execute({ refreshToken: second.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    await register().execute({ email: 'ann@example.test', password: PASSWORD });
    const stolen = await logIn.execute({ email: 'ann@example.test', password: PASSWORD });
    const legit = await refresh.execute({ refreshToken: stolen.refreshToken });
    clock.advance(GRACE_MS + 1);
    await expect(refresh.execute({ refreshToken: stolen.refreshToken })).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    // The newest token of the family is dead too: whoever held it must sign in again.
    await expect(refresh.execute({ refreshToken: legit.refreshToken })).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    expect([...refreshTokens.rows.values()].every((token) => token.state.revokedAt !== null)).toBe(true);
  });

  it('gives a second refresh with the same token inside the grace window the same successor', async () => {
    await register().execute({ email: 'ann@example.test', password: PASSWORD });
    const session = await logIn.execute({ email: 'ann@example.test', password: PASSWORD });
    const firstTab = await refresh.execute({ refreshToken: session.refreshToken });
    clock.advance(GRACE_MS - 1);
    const secondTab = await refresh.execute({ refreshToken: session.refreshToken });
    expect(secondTab.refreshToken).toBe(firstTab.refreshToken);
    // The family lives on: the shared successor still refreshes.
    await expect(refresh.execute({ refreshToken: secondTab.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect([...refreshTokens.rows.values()].some((token) => token.state.revokedAt !== null)).toBe(false);
  });

  it('ends every session on a password change, and purges spent tokens', async () => {
    const ann = await register().execute({ email: 'ann@example.test', password: PASSWORD });
    const laptop = await logIn.execute({ email: 'ann@example.test', password: PASSWORD });
    const phone = await logIn.execute({ email: 'ann@example.test', password: PASSWORD });
    const change = new ChangePassword(users, refreshTokens, hasher, new PassThroughUnitOfWork(), clock);
    const principal = { userId: ann.id, roles: ['member' as const] };
    await expect(change.execute(principal, { currentPassword: 'wrong password!!', newPassword: 'another long passphrase' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await change.execute(principal, { currentPassword: PASSWORD, newPassword: 'another long passphrase' });
    for (const session of [laptop, phone]) await expect(refresh.execute({ refreshToken: session.refreshToken })).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    await expect(logIn.execute({ email: 'ann@example.test', password: 'another long passphrase' })).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(await new PurgeSpentRefreshTokens(refreshTokens, clock).execute()).toBe(2);
    expect(refreshTokens.rows.size).toBe(1);
  });

  it('refuses an expired refresh token', async () => {
    await register().execute({ email: 'ann@example.test', password: PASSWORD });
    const session = await logIn.execute({ email: 'ann@example.test', password: PASSWORD });
    clock.advance(31 * DAY_MS);
    await expect(refresh.execute({ refreshToken: session.refreshToken })).rejects.toMatchObject({ code: 'REFRESH_TOKEN_EXPIRED' });
  });

  it('logs out by revoking the family', async () => {
    await register().execute({ email: 'ann@example.test', password: PASSWORD });
    const session = await logIn.execute({ email: 'ann@example.test', password: PASSWORD });
    await new LogOut(refreshTokens, opaque, clock).execute({ refreshToken: session.refreshToken });
    await expect(refresh.execute({ refreshToken: session.refreshToken })).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
  });

  it('lets only admins change roles, and not their own', async () => {
    const { user: admin } = await createAdmin.execute({ email: 'boss@example.test', password: PASSWORD });
    const member = await register().execute({ email: 'ann@example.test', password: PASSWORD });
    const changeRole = new ChangeUserRole(users);
    await expect(changeRole.execute({ userId: member.id, roles: ['member'] }, { userId: admin.id, role: 'admin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(changeRole.execute({ userId: admin.id, roles: ['admin'] }, { userId: member.id, role: 'admin' })).resolves.toMatchObject({ role: 'admin' });
    await expect(changeRole.execute({ userId: admin.id, roles: ['admin'] }, { userId: admin.id, role: 'member' })).rejects.toMatchObject({ code: 'CANNOT_DEMOTE_SELF' });
  });
});
