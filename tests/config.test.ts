import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, platforms } from '../src/config.ts';

describe('config', () => {
  it('applies the documented defaults', async () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      DATABASE_PATH: './data/blocwatch.db',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: 3000,
      DISCORD_INTERACTIONS: 'gateway',
      DIGEST_TIME: '08:00',
      DIGEST_TIMEZONE: 'UTC',
      ALERT_MAX_PER_HOUR: 6,
      LOG_LEVEL: 'info',
      DISCORD_ADMIN_ROLE_IDS: [],
      SLACK_ADMIN_USER_IDS: [],
    });
    expect(platforms(c)).toEqual({ discord: false, slack: false });
  });

  it('normalises DIGEST_TIME the way /digest subscribe does, so a default of 8:00 is stored as 08:00', async () => {
    expect(loadConfig({ DIGEST_TIME: '8:00' }).DIGEST_TIME).toBe('08:00');
    expect(loadConfig({ DIGEST_TIME: ' 18.30 ' }).DIGEST_TIME).toBe('18:30');
    expect(() => loadConfig({ DIGEST_TIME: '8' })).toThrow(/DIGEST_TIME/);
  });

  it('takes ALERT_MAX_PER_HOUR as a whole number from 1 to 1000', () => {
    expect(loadConfig({ ALERT_MAX_PER_HOUR: '3' }).ALERT_MAX_PER_HOUR).toBe(3);
    for (const bad of ['0', '2.5', 'many', '1001']) expect(() => loadConfig({ ALERT_MAX_PER_HOUR: bad })).toThrow(/ALERT_MAX_PER_HOUR/);
  });

  it('reports every problem at once, by variable name', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        HTTP_PORT: 'eighty',
        DISCORD_TOKEN: 'abc',
        DISCORD_INTERACTIONS: 'webhook',
        DIGEST_TIME: '25:00',
        DIGEST_TIMEZONE: 'Mars/Olympus',
        SLACK_BOT_TOKEN: 'xoxp-user-token',
        DISCORD_ADMIN_ROLE_IDS: '123,abc',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = error!.problems.map((p) => p.split(' ')[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'HTTP_PORT',
        'DISCORD_INTERACTIONS',
        'DIGEST_TIME',
        'DIGEST_TIMEZONE',
        'SLACK_BOT_TOKEN',
        'DISCORD_ADMIN_ROLE_IDS',
      ]),
    );
    // Secrets are never echoed back.
    expect(error!.message).not.toContain('xoxp-user-token');
  });

  it('requires the rest of a platform once part of it is set', async () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 't' })).toThrow(/DISCORD_APPLICATION_ID is required/);
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_INTERACTIONS: 'http' })).toThrow(
      /DISCORD_PUBLIC_KEY is required/,
    );
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET is required/);
    const both = loadConfig({
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '123456789012345678',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_ADMIN_USER_IDS: 'U123ABC, W999',
      DISCORD_API_URL: 'http://127.0.0.1:9000/api/',
    });
    expect(platforms(both)).toEqual({ discord: true, slack: true });
    expect(both.SLACK_ADMIN_USER_IDS).toEqual(['U123ABC', 'W999']);
    expect(both.DISCORD_API_URL).toBe('http://127.0.0.1:9000/api');
  });

  it('reads who edits the shared dataset, and refuses half a Discord editor setup', async () => {
    const c = loadConfig({
      DISCORD_EDITOR_GUILD_ID: '123456789012345678',
      DISCORD_EDITOR_ROLE_IDS: '223456789012345678, 323456789012345678',
      DISCORD_EDITOR_USER_IDS: '423456789012345678',
      SLACK_EDITOR_USER_IDS: 'U0EDITOR1',
    });
    expect(c.DISCORD_EDITOR_GUILD_ID).toBe('123456789012345678');
    expect(c.DISCORD_EDITOR_ROLE_IDS).toEqual(['223456789012345678', '323456789012345678']);
    expect(c.DISCORD_EDITOR_USER_IDS).toEqual(['423456789012345678']);
    expect(c.SLACK_EDITOR_USER_IDS).toEqual(['U0EDITOR1']);
    expect(loadConfig({}).SLACK_EDITOR_USER_IDS).toEqual([]);
    expect(() => loadConfig({ DISCORD_EDITOR_ROLE_IDS: '223456789012345678' })).toThrow(
      /DISCORD_EDITOR_GUILD_ID is required with DISCORD_EDITOR_ROLE_IDS/,
    );
    expect(() => loadConfig({ DISCORD_EDITOR_GUILD_ID: '123456789012345678' })).toThrow(
      /DISCORD_EDITOR_ROLE_IDS is required with DISCORD_EDITOR_GUILD_ID/,
    );
    expect(() => loadConfig({ DISCORD_EDITOR_GUILD_ID: 'home', DISCORD_EDITOR_ROLE_IDS: '1' })).toThrow(
      /DISCORD_EDITOR_GUILD_ID must be the numeric id[\s\S]*DISCORD_EDITOR_ROLE_IDS must be/,
    );
    expect(() => loadConfig({ DISCORD_EDITOR_USER_IDS: 'alice' })).toThrow(/DISCORD_EDITOR_USER_IDS must be/);
    expect(() => loadConfig({ SLACK_EDITOR_USER_IDS: 'alice' })).toThrow(/SLACK_EDITOR_USER_IDS must be/);
  });

  it('treats empty values as unset', async () => {
    expect(loadConfig({ DISCORD_TOKEN: '', HTTP_PORT: '' }).HTTP_PORT).toBe(3000);
  });
});
