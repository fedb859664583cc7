/**
 * The local SES viewer's script: it reloads the page when the store holds another number of mails
 * than the page shows (its body's data-shown, written by the server). aws-ses-v2-local has no event
 * stream to wait on, so it asks /store, of its own origin (the page's Content-Security-Policy lets
 * it reach no other), every two seconds.
 */
const shown = Number(document.body.dataset.shown);
const pollMs = 2000;

const check = async () => {
  try {
    const { emails } = (await (await fetch('/store')).json()) as { emails: unknown[] };
    if (emails.length !== shown) {
      location.reload();
    }
  } catch {
    // The local SES is stopping or restarting: the next poll asks again.
  }
};

setInterval(() => {
  void check();
}, pollMs);
