import type { ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { ClassInfo, Decorator, ProgramSummary, Value } from '../summary.js';

/**
 * What a query returns, as far as its entity says: the entity's name, its fields and which of them
 * never reach a serialised response (`@Exclude()`, `select: false`, Mongoose `private: true`), and
 * whether the entity controls its own serialisation (`toJSON`, a Mongoose toJSON plugin or transform).
 * TypeORM/Nest entities (`@InjectRepository(User)`, `getRepository(User)`, active-record classes),
 * Nest Mongoose `@InjectModel(User.name)` classes and `mongoose.model('User', schema)` schemas.
 */
export interface EntityShape {
  name: string;
  file: string;
  line: number;
  /** Field name → hidden from serialisation. */
  fields: Map<string, boolean>;
  /** The entity decides how it is serialised: any field may be dropped there. */
  ownSerialisation: boolean;
}

/** Decorators and options that keep a field out of a response or out of the loaded row. */
const EXCLUDING_DECORATORS = new Set(['Exclude']);
const INJECTING = new Set(['InjectRepository', 'InjectModel']);

const hiddenOption = (value: Value | undefined) =>
  value?.kind === 'object' && (['select', 'private'] as const).some((key) => {
    const option = value.properties[key];
    return key === 'select' ? option?.kind === 'boolean' && !option.value : option?.kind === 'boolean' && option.value;
  });

function classShape(file: string, info: ClassInfo): EntityShape {
  const fields = new Map<string, boolean>();
  for (const [name, decorators] of Object.entries(info.fields ?? {})) fields.set(name, decorators.some((decorator: Decorator) => EXCLUDING_DECORATORS.has(decorator.name) || hiddenOption(decorator.args[0])));
  return { name: info.name, file, line: info.line, fields, ownSerialisation: 'toJSON' in info.methods };
}

function classOf(file: string, value: Value | undefined, linker: ProgramLinker): EntityShape | null {
  if (!value) return null;
  // `@InjectModel(User.name)`: the class is the receiver of `.name`.
  const target = value.kind === 'ref' && value.ref.path.at(-1) === 'name' ? { ...value, ref: { ...value.ref, path: value.ref.path.slice(0, -1) } } : value;
  const resolved = linker.resolveValue(file, target);
  if (resolved?.entity.kind !== 'class' || resolved.rest.length) return null;
  const info = linker.summary(resolved.entity.file)?.classes[resolved.entity.cls];
  return info ? classShape(resolved.entity.file, info) : null;
}

function variableValue(holder: string | undefined, linker: ProgramLinker): { file: string; id: number; summary: ProgramSummary; value: Value } | null {
  const match = holder ? /^(.*):v(\d+)$/.exec(holder) : null;
  if (!match) return null;
  const summary = linker.summary(match[1]!);
  const value = summary?.variables[Number(match[2])]?.value;
  return summary && value ? { file: match[1]!, id: Number(match[2]), summary, value } : null;
}

/** `const User = mongoose.model('User', userSchema)` → the schema object given to `new Schema({...})`. */
function mongooseShape(call: ResolvedCall, linker: ProgramLinker): EntityShape | null {
  const model = variableValue(call.callee?.holder, linker);
  if (model?.value.kind !== 'call') return null;
  const site = model.summary.calls[model.value.call];
  const schemaArg = site?.args?.[1];
  if (!site || schemaArg?.kind !== 'ref') return null;
  const schema = linker.resolveValue(model.file, schemaArg);
  const held = variableValue(schema?.holder, linker);
  if (held?.value.kind !== 'new') return null;
  const definition = held.summary.calls[held.value.call]?.args?.[0];
  if (definition?.kind !== 'object' || definition.spread) return null;
  const fields = new Map<string, boolean>(Object.entries(definition.properties).map(([name, value]) => [name, hiddenOption(value)]));
  // `schema.plugin(toJSON)`, `schema.set('toJSON', …)`, `schema.methods.toJSON = …`: the schema serialises itself.
  const onSchema = (root: { kind: string; id?: number }) => root.kind === 'variable' && root.id === held.id;
  const ownSerialisation =
    held.summary.calls.some((other) => other.callee && onSchema(other.callee.root) && ['plugin', 'set', 'add'].includes(other.callee.path[0] ?? '')) ||
    (held.summary.memberWrites ?? []).some((write) => onSchema(write.target.root) && write.target.path.includes('toJSON'));
  const name = site.args?.[0]?.kind === 'string' ? site.args[0].value : 'model';
  return { name, file: held.file, line: site.line, fields, ownSerialisation };
}

/** The entity a query call reads, when the program shows it. */
export function entityOfQuery(call: ResolvedCall, linker: ProgramLinker): EntityShape | null {
  const summary = linker.summary(call.file);
  const callee = call.site.callee;
  if (!summary || !callee) return null;
  const module = call.callee?.entity.kind === 'external' ? call.callee.entity.module : null;
  if (module === 'mongoose') {
    const fromSchema = mongooseShape(call, linker);
    if (fromSchema) return fromSchema;
  }
  // `this.users.findOne(...)` with `@InjectRepository(User) private users: Repository<User>`.
  if (callee.root.kind === 'this' && callee.path.length === 2) {
    const info = summary.classes[callee.root.cls];
    const param = info?.constructorParams.find((candidate) => candidate.name === callee.path[0]);
    const injected = param?.decorators.find((decorator) => INJECTING.has(decorator.name));
    if (injected) return classOf(call.file, injected.args[0], linker);
    const field = info?.fieldValues[callee.path[0]!];
    if (field?.kind === 'call') return classOf(call.file, summary.calls[field.call]?.args?.[0], linker);
  }
  // `const users = dataSource.getRepository(User); users.findOne(...)`.
  if (callee.root.kind === 'variable' && callee.path.length === 1) {
    const value = summary.variables[callee.root.id]?.value;
    if (value?.kind === 'call') {
      const site = summary.calls[value.call];
      if (site?.callee?.path.at(-1) === 'getRepository') return classOf(call.file, site.args?.[0], linker);
    }
  }
  // Active record: `User.findOne(...)` on the entity class itself.
  return classOf(call.file, { kind: 'ref', ref: { root: callee.root, path: callee.path.slice(0, -1) } }, linker);
}
