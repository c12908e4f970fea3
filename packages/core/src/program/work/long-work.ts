import type { ResolvedCall } from '../call-graph.js';

/**
 * Libraries whose calls do slow side work (sending e-mail, rendering PDFs, processing images,
 * building spreadsheets): which call of each, by the path the linker gives it. Rules ask
 * `longWorkOf`; a new library is one entry here.
 */

export type LongWorkKind = 'e-mail' | 'PDF' | 'image processing' | 'spreadsheet export';

export interface LongWork {
  kind: LongWorkKind;
  /** What the finding names: `nodemailer sendMail`, `sharp`. */
  what: string;
  /** The work happens when the call is made (a constructor, a builder), whatever is done with its value. */
  eager: boolean;
}

interface Entry {
  modules: readonly string[];
  kind: LongWorkKind;
  /** The linker's path with `default` dropped, joined by dots; `construct` for `new X()` sites. */
  match(path: string, construct: boolean): string | null;
  eager?: boolean;
}

const ENTRIES: readonly Entry[] = [
  { modules: ['nodemailer'], kind: 'e-mail', match: (path) => (/^(createTransport\.\(\)|Transporter\.new)\.sendMail$/.test(path) ? 'nodemailer sendMail' : null) },
  { modules: ['@sendgrid/mail'], kind: 'e-mail', match: (path) => (path === 'send' || path === 'sendMultiple' ? `@sendgrid/mail ${path}` : null) },
  { modules: ['@aws-sdk/client-ses', '@aws-sdk/client-sesv2'], kind: 'e-mail', match: (path) => (/^SES(v2)?Client\.new\.send$/.test(path) ? 'SES send' : null) },
  { modules: ['postmark'], kind: 'e-mail', match: (path) => (/^(ServerClient|Client)\.new\.sendEmail(WithTemplate|Batch)?$/.test(path) ? 'postmark sendEmail' : null) },
  { modules: ['resend'], kind: 'e-mail', match: (path) => (path === 'Resend.new.emails.send' ? 'resend emails.send' : null) },
  { modules: ['@nestjs-modules/mailer'], kind: 'e-mail', match: (path) => (path === 'MailerService.new.sendMail' ? 'MailerService sendMail' : null) },
  { modules: ['pdfkit'], kind: 'PDF', eager: true, match: (path, construct) => (path === '' && construct ? 'new PDFDocument' : null) },
  {
    modules: ['puppeteer', 'puppeteer-core', 'playwright', 'playwright-core'],
    kind: 'PDF',
    match: (path) => (/\.pdf$/.test(path) ? 'page.pdf' : /^(chromium\.)?launch$/.test(path) ? 'browser launch' : null),
  },
  { modules: ['sharp'], kind: 'image processing', eager: true, match: (path) => (path === '' ? 'sharp' : null) },
  { modules: ['jimp'], kind: 'image processing', eager: true, match: (path) => (/^(Jimp\.)?read$/.test(path) ? 'Jimp.read' : null) },
  { modules: ['exceljs'], kind: 'spreadsheet export', eager: true, match: (path, construct) => (path === 'Workbook' && construct ? 'new ExcelJS.Workbook' : null) },
  { modules: ['xlsx'], kind: 'spreadsheet export', eager: true, match: (path) => (/^(write|writeFile|writeFileXLSX|writeXLSX)$/.test(path) ? `xlsx ${path}` : null) },
  { modules: ['json2csv', '@json2csv/plainjs'], kind: 'spreadsheet export', eager: true, match: (path, construct) => (path === 'parse' || (path === 'Parser' && construct) ? 'json2csv' : null) },
];

const BY_MODULE = new Map<string, Entry>(ENTRIES.flatMap((entry) => entry.modules.map((module) => [module, entry] as const)));

export function longWorkOf(call: ResolvedCall): LongWork | null {
  const entity = call.callee?.entity;
  if (entity?.kind !== 'external' || call.callee!.rest.length) return null;
  const entry = BY_MODULE.get(entity.module);
  if (!entry) return null;
  const what = entry.match(entity.path.filter((part) => part !== 'default').join('.'), call.site.construct === true);
  return what ? { kind: entry.kind, what, eager: entry.eager ?? false } : null;
}
