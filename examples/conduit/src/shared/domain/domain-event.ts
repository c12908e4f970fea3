/** Something that happened in a domain, named in the past tense, carrying what its handlers need. */
export interface DomainEvent {
  readonly type: string;
  readonly occurredAt: Date;
}
