import { z } from 'zod';

// Lengths are capped at the boundary so oversized input never reaches hashing or the database.
const email = z.string().max(254);
const username = z.string().max(64);
const password = z.string().max(256);
const refreshToken = z.string().min(1).max(512);

export const registerBody = z.object({ user: z.object({ username, email, password }) });
export const loginBody = z.object({ user: z.object({ email, password }) });
// Unknown keys (clients often send back the whole user object, token included) are stripped, never applied.
export const updateUserBody = z.object({
  user: z.object({
    email: email.optional(),
    username: username.optional(),
    password: password.optional(),
    bio: z.string().max(2000).nullable().optional(),
    image: z.string().max(2048).nullable().optional(),
  }),
});
export const refreshBody = z.object({ refreshToken });
