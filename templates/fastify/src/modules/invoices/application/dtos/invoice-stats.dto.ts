export interface InvoiceStatsDto {
  currency: string;
  openCount: number;
  voidCount: number;
  outstandingCents: number;
}
