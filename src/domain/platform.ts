// The chat surfaces a request can come from. Lives in the domain because channels, digests and replies
// all depend on it while knowing nothing else about the platforms.
export type Platform = 'discord' | 'slack' | 'console';
