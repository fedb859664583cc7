/**
 * Times as the operator reads them: their own time zone (the process's, which `TZ` sets) with its
 * offset, so a time from `trace` can be laid beside Logto's log or a user's "at 9:14" without
 * converting. `--utc` asks for UTC instead.
 */

export type TimeFormat = {
  /** The IANA name the times are in, e.g. Asia/Kolkata or UTC. */
  timeZone: string;
  /** `2026-01-15 15:30:02 +05:30`. */
  format: (time: Date) => string;
};

const isTimeZone = (name: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name }).format(0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The process's own time zone: `TZ` as the operator wrote it when it names one (Intl would
 * report `Asia/Kolkata` as its older alias `Asia/Calcutta`), else the zone Intl resolves, else UTC.
 */
export const localTimeZone = (): string => {
  const named = process.env.TZ;
  if (named && isTimeZone(named)) {
    return named;
  }
  // A TZ that names no zone leaves Intl without one (undefined, despite its type): UTC, said so.
  const resolved = new Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
  return resolved ?? 'UTC';
};

/** ICU writes the offset as `GMT+05:30`, and UTC itself as `GMT`. */
const offsetOf = (name: string) => {
  const offset = name.replace(/^GMT/, '');
  return offset === '' ? '+00:00' : offset;
};

export const timeFormat = (timeZone: string = localTimeZone()): TimeFormat => {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  return {
    timeZone,
    format: (time) => {
      const parts = Object.fromEntries(formatter.formatToParts(time).map(({ type, value }) => [type, value]));
      const { year, month, day, hour, minute, second, timeZoneName = 'GMT' } = parts;
      return `${year}-${month}-${day} ${hour}:${minute}:${second} ${offsetOf(timeZoneName)}`;
    },
  };
};

/** How long after sending: `2.3 s`, `45 s`, `3 min 5 s`, `2 h 10 min`. */
export const durationText = (milliseconds: number): string => {
  const seconds = Math.max(0, milliseconds) / 1000;
  if (seconds < 10) {
    return `${Number(seconds.toFixed(1))} s`;
  }
  const whole = Math.round(seconds);
  if (whole < 60) {
    return `${whole} s`;
  }
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) {
    return whole % 60 === 0 ? `${minutes} min` : `${minutes} min ${whole % 60} s`;
  }
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
};
