// Desktop notifications for alert rules, through Electron's Notification (main process), where
// the platform supports them. Clicking one brings the app's window forward. Titles and bodies
// carry event data, which is untrusted text: cut to a length every platform shows whole, and on
// Linux escaped, because Electron hands the body to libnotify as is and most notification servers
// (GNOME Shell, Plasma, dunst, mako) read it as markup, where <a href> is a link and <img src> a
// file to load. A server without markup support shows the entities literally, a fair price.

/** The part of an Electron Notification this module uses. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

/** Electron's Notification class, as `{ isSupported: Notification.isSupported, create: (o) => new Notification(o) }`. */
export interface NotificationApi {
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationLike;
}

export const MAX_TITLE_CHARS = 100;
export const MAX_BODY_CHARS = 300;
/** Notifications kept referenced so their click handler survives garbage collection. */
const MAX_KEPT = 20;

/** The app core's `notify`, or undefined where notifications are not supported. */
export function createDesktopNotifier(
  api: NotificationApi,
  onClick: () => void,
  platform: NodeJS.Platform = process.platform,
): ((title: string, body: string) => void) | undefined {
  if (!api.isSupported()) return undefined;
  const markupSafe = platform === 'linux' ? escapeMarkup : (text: string) => text;
  const kept = new Set<NotificationLike>();
  return (title, body) => {
    const notification = api.create({
      title: clip(title, MAX_TITLE_CHARS),
      body: markupSafe(clip(body, MAX_BODY_CHARS)),
    });
    kept.add(notification);
    if (kept.size > MAX_KEPT) kept.delete(kept.values().next().value!);
    notification.on('click', () => {
      kept.delete(notification);
      onClick();
    });
    notification.on('close', () => kept.delete(notification));
    notification.show();
  };
}

function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** The Desktop Notifications spec's body markup is a small XML subset: escaping these three is enough. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
