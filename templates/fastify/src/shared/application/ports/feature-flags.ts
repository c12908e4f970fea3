export interface FlagContext {
  readonly userId?: string;
}

export interface FeatureFlags {
  isEnabled(flag: string, defaultValue: boolean, context?: FlagContext): Promise<boolean>;
}
