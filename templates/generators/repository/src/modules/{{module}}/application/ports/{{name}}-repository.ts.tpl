/** What the application stores about a {{name}}; the adapter maps it to rows. */
export interface {{Name}}Record {
  id: string;
  label: string;
  createdAt: Date;
}

export interface {{Name}}Repository {
  save(record: {{Name}}Record): Promise<void>;
  findById(id: string): Promise<{{Name}}Record | null>;
}
