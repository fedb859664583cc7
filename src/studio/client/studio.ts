/**
 * The studio page's script: live reload over Server-Sent Events, Send, payload editing, each
 * preview frame sized to its email, and a cell's steps shown on a tap, a click or a key. Every
 * request carries the run's token, read from the address the page was opened with: in the address
 * for a read, in a header for a change (the server refuses a change without it).
 */
const token = new URL(location.href).searchParams.get('token') ?? '';
const tokenHeader = 'x-studio-token';

const element = <T extends Element>(selector: string, type: new () => T): T => {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) {
    throw new Error(`the page has no ${selector}`);
  }
  return found;
};

const studio = element('#studio', HTMLElement);
const live = element('#live', HTMLElement);

/**
 * A frame as tall as its email: all of it shows, and no blank below. Measured once the frame's
 * load event says its images are in (before that, its document is the initial about:blank).
 */
const fitFrame = (frame: HTMLIFrameElement) => {
  const email = frame.contentDocument;
  if (email?.URL !== 'about:srcdoc' || email.readyState !== 'complete') {
    return;
  }
  // Shrunk first, so the height read is the content's and not the frame's own.
  frame.style.height = '0px';
  frame.style.height = `${(email.scrollingElement ?? email.documentElement).scrollHeight}px`;
};

const watchFrames = () => {
  for (const frame of studio.querySelectorAll('iframe')) {
    frame.addEventListener('load', () => fitFrame(frame));
    fitFrame(frame);
  }
};

const refresh = async () => {
  const response = await fetch(`/fragment?token=${encodeURIComponent(token)}`);
  if (!response.ok) {
    live.textContent = `reload failed (${response.status})`;
    return;
  }
  studio.innerHTML = await response.text();
  watchFrames();
  document.body.dataset.version = response.headers.get('x-studio-version') ?? '';
  live.textContent = `live: updated ${new Date().toLocaleTimeString()}`;
};

const events = new EventSource(`/events?token=${encodeURIComponent(token)}`);
events.addEventListener('change', () => {
  void refresh();
});
events.addEventListener('open', () => {
  live.textContent = 'live';
});
events.addEventListener('error', () => {
  live.textContent = 'disconnected: is logto-ses studio still running?';
});

type Answer = { messageId?: string; note?: string; error?: string };

const change = async (path: string, method: string, body: string): Promise<{ ok: boolean; answer: Answer }> => {
  const response = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', [tokenHeader]: token },
    body,
  });
  const answer = await response.json().then(
    (value: unknown) => value as Answer,
    () => ({ error: `HTTP ${response.status}` })
  );
  return { ok: response.ok, answer };
};

const show = (output: HTMLOutputElement | null, ok: boolean, text: string) => {
  if (output) {
    output.className = ok ? 'ok' : 'error';
    output.textContent = text;
  }
};

document.addEventListener('submit', (event) => {
  const form = event.target instanceof Element ? event.target.closest('form.send') : null;
  if (!(form instanceof HTMLFormElement)) {
    return;
  }
  event.preventDefault();
  const output = form.querySelector('output');
  show(output, true, 'Sending…');
  const to = form.elements.namedItem('to');
  const body = JSON.stringify({ key: form.dataset.key, to: to instanceof HTMLInputElement ? to.value : '' });
  void change('/send', 'POST', body).then(({ ok, answer }) =>
    show(
      output,
      ok,
      ok
        ? `Sent: MessageId ${answer.messageId ?? ''}${answer.note ? ` · ${answer.note}` : ''}`
        : `Failed: ${answer.error ?? ''}`
    )
  );
});

/**
 * A cell's steps, for a touch screen (no hover shows its title there), a mouse and the keyboard
 * alike: the cell's reason is a button, which Enter and Space click.
 */
const showSteps = (cell: HTMLTableCellElement) => {
  const steps = document.getElementById('steps');
  if (steps) {
    steps.textContent = `${cell.dataset.cell ?? ''}:\n${cell.title}`;
    steps.hidden = false;
  }
};

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const cell = target?.closest('td[data-cell]');
  if (cell instanceof HTMLTableCellElement && !target?.closest('a')) {
    showSteps(cell);
    return;
  }
  const button = target?.closest('button[data-save-payload]');
  if (!(button instanceof HTMLButtonElement)) {
    return;
  }
  const type = button.dataset.savePayload ?? '';
  const textarea = document.querySelector(`textarea[data-type="${CSS.escape(type)}"]`);
  const output = button.parentElement?.querySelector('output') ?? null;
  if (!(textarea instanceof HTMLTextAreaElement)) {
    return;
  }
  void change(`/payloads/${encodeURIComponent(type)}`, 'PUT', textarea.value).then(({ ok, answer }) =>
    show(output, ok, ok ? 'Applied' : `Not applied: ${answer.error ?? ''}`)
  );
});

watchFrames();
