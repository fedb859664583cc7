/**
 * Whether sends write the connector's line to the console (send-log.ts). On in Logto; `logto-ses`
 * turns it off, because it prints each send's outcome itself and its output (`--json` above all)
 * must hold nothing else. Spans, metrics and the diagnostics channel are not affected.
 */
let enabled = true;

export const quietSendLog = (): void => {
  enabled = false;
};

export const sendLogEnabled = (): boolean => enabled;
