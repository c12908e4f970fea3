import { beforeEach, describe, expect, it } from 'vitest';
import { SessionIssuer } from '../../src/modules/users/application/session-issuer.js';
import { LogIn } from '../../src/modules/users/application/use-cases/log-in.js';
import { LogOut } from '../../src/modules/users/application/use-cases/log-out.js';
import { RefreshSession } from '../../src/modules/users/application/use-cases/refresh-session.js';
import { PurgeSpentRefreshTokens } from '../../src/modules/users/application/use-cases/purge-spent-refresh-tokens.js';
import { RegisterUser } from '../../src/modules/users/application/use-cases/register-user.js';
import { UpdateUser } from '../../src/modules/users/application/use-cases/update-user.js';
import { DomainEventBus } from '../../src/shared/application/events/domain-events.js';
import { UnauthenticatedError } from '../../src/shared/domain/domain-error.js';
import {
  CountingOpaqueTokens,
  FixedClock,
  InMemoryOutbox,
  InMemoryRefreshTokens,
  InMemoryUsers,
  PlainHasher,
  RecordingLogger,
  RecordingUnitOfWork,
  SequentialIds,
  UserIdAccessTokens,
} from '../support/fakes.js';

const GRACE_SECONDS = 10;

describe('refresh token rotation', () => {
  let clock: FixedClock;
  let tokens: InMemoryRefreshTokens;
  let register: RegisterUser;
  let logIn: LogIn;
  let refresh: RefreshSession;
  let logOut: LogOut;
  let updateUser: UpdateUser;
  let purge: PurgeSpentRefreshTokens;

  beforeEach(() => {
    clock = new FixedClock();
    tokens = new InMemoryRefreshTokens();
    const users = new InMemoryUsers();
    const ids = new SequentialIds();
    const unitOfWork = new RecordingUnitOfWork();
    const opaque = new CountingOpaqueTokens();
    const sessions = new SessionIssuer(new UserIdAccessTokens(), opaque, tokens, ids, clock, 30);
    const bus = new DomainEventBus(unitOfWork, new RecordingLogger(), new InMemoryOutbox());
    register = new RegisterUser(users, new PlainHasher(), sessions, bus, ids, clock);
    logIn = new LogIn(users, new PlainHasher(), sessions, unitOfWork, 'plain:decoy');
    refresh = new RefreshSession(tokens, users, opaque, sessions, unitOfWork, clock, GRACE_SECONDS);
    updateUser = new UpdateUser(users, new PlainHasher(), tokens, sessions, bus, clock);
    purge = new PurgeSpentRefreshTokens(tokens, clock, 7);
    logOut = new LogOut(tokens, opaque, unitOfWork, clock);
  });

  it('issues a new pair and spends the presented token', async () => {
    const registered = await register.execute({ username: 'jake', email: 'jake@example.com', password: 'jakejake' });
    const rotated = await refresh.execute(registered.refreshToken!);
    expect(rotated.refreshToken).not.toBe(registered.refreshToken);
    expect(rotated.token).toMatch(/^access-for-/);
    const again = await refresh.execute(rotated.refreshToken!);
    expect(again.username).toBe('jake');
  });

  it('answers a repeat within the grace window with the same successor (two tabs, a retry)', async () => {
    const registered = await register.execute({ username: 'jake', email: 'jake@example.com', password: 'jakejake' });
    const first = await refresh.execute(registered.refreshToken!);
    clock.advance(GRACE_SECONDS * 1000);
    const second = await refresh.execute(registered.refreshToken!);
    expect(second.refreshToken).toBe(first.refreshToken);
    // Nothing was revoked: the successor still rotates normally.
    expect([...tokens.rows.values()].every((row) => row.revokedAt === null)).toBe(true);
    const third = await refresh.execute(first.refreshToken!);
    expect(third.refreshToken).not.toBe(first.refreshToken);
  });

  it('revokes the whole family when a spent token is presented again after the grace window', async () => {
    const registered = await register.execute({ username: 'jake', email: 'jake@example.com', password: 'jakejake' });
    const rotated = await refresh.execute(registered.refreshToken!);
    clock.advance(GRACE_SECONDS * 1000 + 1);
    await expect(refresh.execute(registered.refreshToken!)).rejects.toThrow(UnauthenticatedError);
    // The legitimate holder's newer token dies with the family: the thief cannot keep the session either.
    await expect(refresh.execute(rotated.refreshToken!)).rejects.toThrow('already used');
    expect([...tokens.rows.values()].every((row) => row.revokedAt !== null)).toBe(true);
  });

  it('ends every session when the password changes, keeping the changing device signed in', async () => {
    const registered = await register.execute({ username: 'jake', email: 'jake@example.com', password: 'jakejake' });
    const otherDevice = await logIn.execute({ email: 'jake@example.com', password: 'jakejake' });
    const userId = registered.token.replace('access-for-', '');
    const changed = await updateUser.execute({ userId }, { password: 'a-new-password' }, registered.token);
    await expect(refresh.execute(otherDevice.refreshToken!)).rejects.toThrow(UnauthenticatedError);
    await expect(refresh.execute(registered.refreshToken!)).rejects.toThrow(UnauthenticatedError);
    expect((await refresh.execute(changed.refreshToken!)).username).toBe('jake');
  });

  it('purges expired tokens and spent ones past the retention, keeping live ones', async () => {
    const registered = await register.execute({ username: 'jake', email: 'jake@example.com', password: 'jakejake' });
    await refresh.execute(registered.refreshToken!);
    expect(await purge.execute()).toBe(0);
    clock.advance(8 * 86_400_000);
    const live = await logIn.execute({ email: 'jake@example.com', password: 'jakejake' });
    // The rotated token is past the 7-day retention; its live successor and the new login stay.
    expect(await purge.execute()).toBe(1);
    expect(tokens.rows.size).toBe(2);
    clock.advance(31 * 86_400_000);
    expect(await purge.execute()).toBe(2);
    await expect(refresh.execute(live.refreshToken!)).rejects.toThrow('refresh token is invalid');
  });

  it('rejects expired tokens and logs out a family', async () => {
    await register.execute({ username: 'jake', email: 'jake@example.com', password: 'jakejake' });
    const loggedIn = await logIn.execute({ email: 'JAKE@example.com', password: 'jakejake' });
    clock.advance(31 * 86_400_000);
    await expect(refresh.execute(loggedIn.refreshToken!)).rejects.toThrow('expired');
    const fresh = await logIn.execute({ email: 'jake@example.com', password: 'jakejake' });
    const userId = fresh.token.replace('access-for-', '');
    await logOut.execute({ userId }, fresh.refreshToken!);
    await expect(refresh.execute(fresh.refreshToken!)).rejects.toThrow(UnauthenticatedError);
  });

  it('answers unknown emails and wrong passwords with the same error', async () => {
    await register.execute({ username: 'jake', email: 'jake@example.com', password: 'jakejake' });
    await expect(logIn.execute({ email: 'nobody@example.com', password: 'jakejake' })).rejects.toThrow('email or password is invalid');
    await expect(logIn.execute({ email: 'jake@example.com', password: 'wrong-password' })).rejects.toThrow('email or password is invalid');
  });
});
