// References to people, conversations and messages, neutral across platforms.
// A ConversationRef is an opaque string an adapter can decode, prefixed with its platform.

export const PLATFORMS = ['shell', 'slack', 'discord'] as const;
export type Platform = (typeof PLATFORMS)[number];

export type ConversationRef = string & { readonly __brand: 'ConversationRef' };

export interface UserRef {
  platform: Platform;
  id: string;
  displayName?: string;
}

export interface MessageRef {
  conversation: ConversationRef;
  id: string;
}

/** Builds "platform:part:part"; parts must not contain ":" themselves except the last. */
export function conversationRef(platform: Platform, ...parts: string[]): ConversationRef {
  return [platform, ...parts].join(':') as ConversationRef;
}

export function platformOf(ref: ConversationRef): Platform {
  const prefix = ref.slice(0, ref.indexOf(':'));
  if (!(PLATFORMS as readonly string[]).includes(prefix)) throw new Error(`not a conversation ref: ${ref}`);
  return prefix as Platform;
}

/** The parts after the platform prefix. */
export function refParts(ref: ConversationRef): string[] {
  return ref.split(':').slice(1);
}
