// Files on Slack: uploaded with the files API as Bolt's WebClient does it (filesUploadV2:
// files.getUploadURLExternal, the upload, files.completeUploadExternal) and shared in the channel with
// the caption. Slack refuses when the app lacks files:write or is not in the channel; the caller then
// answers with the text form instead.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../log.ts';
import { escapeMrkdwn } from './render.ts';
import type { Reply } from '../reply.ts';

/** Slack's alt_text limit. */
const ALT_MAX = 1000;

/** Shares the reply's files in the channel; false when Slack would not take them. */
export async function uploadReplyFiles(client: webApi.WebClient, channel: string, r: Reply, log: Logger): Promise<boolean> {
  if (!r.files?.length) return false;
  try {
    await client.filesUploadV2({
      channel_id: channel,
      initial_comment: escapeMrkdwn(r.caption ?? r.title ?? ''),
      file_uploads: r.files.map((f) => ({
        file: Buffer.from(f.bytes),
        filename: f.name,
        title: r.title ?? f.name,
        alt_text: f.alt.slice(0, ALT_MAX),
      })),
    });
    return true;
  } catch (err) {
    // missing_scope (no files:write), not_in_channel, channel_not_found, a failed upload: all mean text.
    const code = (err as { data?: { error?: string } }).data?.error;
    log.info({ err, code, channel }, 'slack: file upload refused; answering with text');
    return false;
  }
}
