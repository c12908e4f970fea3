import type { FastifyInstance } from 'fastify';
import { unique } from './test-config.js';

export interface Response<T = any> {
  status: number;
  body: T;
}

/** A thin client over fastify.inject, speaking the RealWorld `Token` scheme. */
export class ApiClient {
  constructor(private readonly app: FastifyInstance) {}

  async request<T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: { token?: string; body?: unknown } = {}): Promise<Response<T>> {
    const response = await this.app.inject({
      method,
      url,
      headers: options.token ? { authorization: `Token ${options.token}` } : {},
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
    return { status: response.statusCode, body: (response.body ? response.json() : undefined) as T };
  }

  /** Registers a fresh user with a unique name and returns its user object (token, refreshToken). */
  async register(prefix = 'user'): Promise<{ username: string; email: string; token: string; refreshToken: string }> {
    const username = unique(prefix);
    const response = await this.request('POST', '/api/users', {
      body: { user: { username, email: `${username}@example.test`, password: 'correct-horse' } },
    });
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.user;
  }

  async publish(token: string, article: { title?: string; description?: string; body?: string; tagList?: string[] } = {}) {
    const response = await this.request('POST', '/api/articles', {
      token,
      body: { article: { title: unique('Title '), description: 'About it', body: 'The body.', ...article } },
    });
    if (response.status !== 201) throw new Error(`publish failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.article;
  }
}
