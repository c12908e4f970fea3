/** The slice of pino the application layer may use, so use cases never import a logging library. */
export interface Logger {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}
