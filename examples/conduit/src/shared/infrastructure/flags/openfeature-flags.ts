import { InMemoryProvider, OpenFeature, type Client } from '@openfeature/server-sdk';
import type { FeatureFlags } from '../../application/ports/feature-flags.js';

/**
 * Flags through OpenFeature, so moving from the env-fed in-memory provider to a flag service is a
 * provider swap in bootstrap, not a code change at every call site.
 */
export class OpenFeatureFlags implements FeatureFlags {
  private readonly client: Client;

  constructor(flags: Readonly<Record<string, boolean>>) {
    const configuration = Object.fromEntries(
      Object.entries(flags).map(([name, enabled]) => [
        name,
        { variants: { on: true, off: false }, defaultVariant: enabled ? 'on' : 'off', disabled: false },
      ]),
    );
    OpenFeature.setProvider(new InMemoryProvider(configuration));
    this.client = OpenFeature.getClient('conduit');
  }

  isEnabled(flag: string, defaultValue: boolean): Promise<boolean> {
    return this.client.getBooleanValue(flag, defaultValue);
  }
}
