import { beforeEach, describe, expect, it } from 'vitest';
import { SessionIssuer } from '../../src/modules/users/application/session-issuer.js';
import { LogIn } from '../../src/modules/users/application/use-cases/log-in.js';
import { LogOut } from '../../src/modules/users/application/use-cases/log-out.js';
import { RefreshSession } from '../../src/modules/users/application/use-cases/refresh-session.js';
import { RegisterUser } from '../../src/modules/users/application/use-cases/register-user.js';
import { DomainEventBus } from '../../src/shared/application/events/domain-events.js';
import { UnauthenticatedError } from '../../src/shared/domain/domain-error.js';
import {
  CountingOpaqueTokens,
  FixedClock,
  InMemoryRefreshTokens,
  InMemoryUsers,
  PlainHasher,
  RecordingLogger,
  RecordingUnitOfWork,
  SequentialIds,
  UserIdAccessTokens,
} from '../support/fakes.js';

describe('refresh token rotation', () => {
  let clock: FixedClock;
  let tokens: InMemoryRefreshTokens;
  let register: RegisterUser;
  let logIn: LogIn;
  let refresh: RefreshSession;
  let logOut: LogOut;

  beforeEach(() => {
    clock = new FixedClock();
    tokens = new InMemoryRefreshTokens();
    const users = new InMemoryUsers();
    const ids = new SequentialIds();
    const unitOfWork = new RecordingUnitOfWork();
    const opaque = new CountingOpaqueTokens();
    const sessions = new SessionIssuer(new UserIdAccessTokens(), opaque, tokens, ids, clock, 30);
    register = new RegisterUser(users, new PlainHasher(), sessions, new DomainEventBus(unitOfWork, new RecordingLogger()), ids, clock);
    logIn = new LogIn(users, new PlainHasher(), sessions, unitOfWork, 'plain:decoy');
    refresh = new RefreshSession(tokens, users, opaque, sessions, unitOfWork, clock);
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

  it('revokes the whole family when a spent token is presented again', async () => {
    const registered = await register.execute({ username: 'jake', email: 'jake@example.com', password: 'jakejake' });
    const rotated = await refresh.execute(registered.refreshToken!);
    await expect(refresh.execute(registered.refreshToken!)).rejects.toThrow(UnauthenticatedError);
    // The legitimate holder's newer token dies with the family: the thief cannot keep the session either.
    await expect(refresh.execute(rotated.refreshToken!)).rejects.toThrow('already used');
    expect([...tokens.rows.values()].every((row) => row.revokedAt !== null)).toBe(true);
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
