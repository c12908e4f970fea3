import { z } from 'zod';

// Bounds here are transport limits; the domain still applies its own rules (password policy, email).
export const credentialsSchema = z.object({
  email: z.string().max(254),
  password: z.string().max(1024),
});

export const refreshTokenSchema = z.object({
  refreshToken: z.string().min(1).max(512),
});

export const userIdParamsSchema = z.object({ id: z.uuid() });

export const changePasswordSchema = z.object({
  currentPassword: z.string().max(1024),
  newPassword: z.string().max(1024),
});

export const changeRoleSchema = z.object({ role: z.string().min(1).max(32) });
