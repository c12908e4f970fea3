/** Who is asking: the authenticated user, or nobody for anonymous reads. */
export interface Viewer {
  readonly userId: string;
}

export type OptionalViewer = Viewer | undefined;
