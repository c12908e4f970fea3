import { InMemoryProvider, OpenFeature, type Client } from '@openfeature/server-sdk';
import type { FeatureFlags, FlagContext } from '../../application/ports/feature-flags.js';

/**
 * Flags go through OpenFeature so a vendor provider (LaunchDarkly, Flagsmith, flagd...) replaces the
 * in-memory one without touching a use case. The in-memory provider is fed from FEATURE_FLAGS.
 */
export class OpenFeatureFlags implements FeatureFlags {
  private readonly client: Client;

  private constructor(domain: string) {
    this.client = OpenFeature.getClient(domain);
  }

  static async fromStaticValues(domain: string, values: Record<string, boolean>): Promise<OpenFeatureFlags> {
    const flags = Object.fromEntries(
      Object.entries(values).map(([key, enabled]) => [
        key,
        { variants: { on: true, off: false }, defaultVariant: enabled ? 'on' : 'off', disabled: false },
      ]),
    );
    // A domain per container keeps providers of parallel test apps from overwriting each other.
    await OpenFeature.setProviderAndWait(domain, new InMemoryProvider(flags));
    return new OpenFeatureFlags(domain);
  }

  isEnabled(flag: string, defaultValue: boolean, context: FlagContext = {}): Promise<boolean> {
    return this.client.getBooleanValue(flag, defaultValue, context.userId ? { targetingKey: context.userId } : {});
  }
}
