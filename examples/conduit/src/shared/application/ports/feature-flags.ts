export interface FeatureFlags {
  isEnabled(flag: string, defaultValue: boolean): Promise<boolean>;
}
