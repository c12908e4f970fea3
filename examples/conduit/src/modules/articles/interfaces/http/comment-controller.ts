import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticated } from '../../../../shared/interfaces/http/authentication.js';
import { parseWith } from '../../../../shared/interfaces/http/validation.js';
import type { AddComment } from '../../application/use-cases/add-comment.js';
import type { DeleteComment } from '../../application/use-cases/delete-comment.js';
import type { ListComments } from '../../application/use-cases/list-comments.js';
import { commentBody, commentParams, slugParams } from './schemas.js';

export interface CommentUseCases {
  addComment: AddComment;
  deleteComment: DeleteComment;
  listComments: ListComments;
}

export class CommentController {
  constructor(private readonly useCases: CommentUseCases) {}

  list = async (request: FastifyRequest) => {
    const { slug } = parseWith(slugParams, request.params);
    return { comments: await this.useCases.listComments.execute(slug, request.viewer) };
  };

  add = async (request: FastifyRequest) => {
    const { viewer } = authenticated(request);
    const { slug } = parseWith(slugParams, request.params);
    const { comment } = parseWith(commentBody, request.body);
    return { comment: await this.useCases.addComment.execute(viewer, slug, comment.body) };
  };

  remove = async (request: FastifyRequest, reply: FastifyReply) => {
    const { viewer } = authenticated(request);
    const { slug, id } = parseWith(commentParams, request.params);
    await this.useCases.deleteComment.execute(viewer, slug, id);
    return reply.status(204).send();
  };
}
