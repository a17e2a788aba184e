// The workspace, channel and users the Slack stand-in and its payloads agree on.
export const TEAM_ID = 'T0BLOCWATCH';
export const CHANNEL_ID = 'C0NEWS0001';
export const ADMIN_ID = 'U0ADMIN001';
export const MEMBER_ID = 'U0MEMBER01';
export const BOT_USER_ID = 'U0BOTUSER1';
