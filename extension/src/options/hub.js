// Package hub is the options page's team hub section: the hub URL, channel, trusted keys
// and poll interval (read-only when the administrator set them by policy), and what the
// poller last did: the version in use, the last check, the last error.
import { sendMessage, onStorageChanged, storageGet } from '../browser.js';
import { register, t, getLang } from '../shared/i18n.js';
import { validateHubConfig, HUB_CHECK, HUB_KEY, POLL_DEFAULT } from '../shared/hub-config.js';
import { readHubConfig, readHubStatus, saveLocalHubConfig, STATUS_KEY } from '../shared/hub-store.js';

register({
  ru: {
    hubTitle: 'Пакеты команды',
    hubIntro: 'Суфлёр может брать пакеты с хаба вашей команды. Он только скачивает подписанные пакеты; ваш текст туда не уходит. Без адреса хаба Суфлёр ничего не запрашивает.',
    hubManaged: 'Настроено администратором: изменить здесь нельзя.',
    hubUrl: 'Адрес хаба',
    hubChannel: 'Канал',
    hubKeys: 'Открытые ключи команды (по одному в строке)',
    hubPoll: 'Проверять каждые, секунд',
    hubSave: 'Сохранить',
    hubCheck: 'Проверить сейчас',
    hubSaved: 'Сохранено.',
    hubOff: 'Хаб не настроен: Суфлёр ничего не запрашивает.',
    hubVersion: 'Сейчас работают',
    hubVersionNone: 'ещё ничего',
    hubLastCheck: 'Последняя проверка',
    hubNever: 'не было',
    hubLastError: 'Последняя ошибка',
    hubNoError: 'нет',
    hubSerial: 'выпуск {n}',
  },
  en: {
    hubTitle: 'Team packs',
    hubIntro: 'Sufler can take packs from your team\'s hub. It only downloads signed packs; your text never goes there. With no hub address Sufler requests nothing.',
    hubManaged: 'Set by your administrator: it cannot be changed here.',
    hubUrl: 'Hub address',
    hubChannel: 'Channel',
    hubKeys: 'Team public keys (one a line)',
    hubPoll: 'Check every, seconds',
    hubSave: 'Save',
    hubCheck: 'Check now',
    hubSaved: 'Saved.',
    hubOff: 'No hub: Sufler requests nothing.',
    hubVersion: 'In use',
    hubVersionNone: 'nothing yet',
    hubLastCheck: 'Last check',
    hubNever: 'never',
    hubLastError: 'Last error',
    hubNoError: 'none',
    hubSerial: 'release {n}',
  },
});

const $ = (id) => document.getElementById(id);

function when(ms) {
  return ms ? new Date(ms).toLocaleString(getLang()) : t('hubNever');
}

/** Wires the section; render() shows the configuration and the status again. */
export function init(signal) {
  const form = $('hub-form');
  const fields = { url: $('hub-url'), channel: $('hub-channel'), keys: $('hub-keys'), pollSeconds: $('hub-poll') };
  const message = $('hub-message');

  async function renderStatus() {
    const [{ config }, st] = await Promise.all([readHubConfig(), readHubStatus()]);
    const packs = (st.packs ?? []).map((p) => `${p.id} ${p.version}`).join(', ');
    $('hub-version').textContent = config && packs ? `${packs} (${t('hubSerial', { n: st.serial })})` : t('hubVersionNone');
    $('hub-last-check').textContent = config ? when(st.lastCheck) : t('hubOff');
    $('hub-last-error').textContent = config && st.lastError ? st.lastError : t('hubNoError');
    $('hub-last-error').classList.toggle('error', Boolean(config && st.lastError));
  }

  async function render() {
    const { config, managed } = await readHubConfig();
    const raw = managed ? config ?? {} : (await storageGet([HUB_KEY]))[HUB_KEY] ?? {};
    fields.url.value = raw.url ?? '';
    fields.channel.value = raw.channel ?? '';
    fields.keys.value = (Array.isArray(raw.keys) ? raw.keys : []).join('\n');
    fields.pollSeconds.value = raw.pollSeconds ?? POLL_DEFAULT;
    form.dataset.managed = String(managed);
    $('hub-managed').hidden = !managed;
    for (const f of [...Object.values(fields), $('hub-save')]) f.disabled = managed;
    await renderStatus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.textContent = '';
    message.className = '';
    const raw = { url: fields.url.value, channel: fields.channel.value, keys: fields.keys.value, pollSeconds: fields.pollSeconds.value };
    const { config, problems } = validateHubConfig(raw);
    if (problems.length) {
      message.textContent = problems.join(' ');
      message.className = 'error';
      return;
    }
    await saveLocalHubConfig(config ?? { url: '' });
    message.textContent = t('hubSaved');
    await render();
  });
  $('hub-check').addEventListener('click', async () => {
    await sendMessage({ type: HUB_CHECK }).catch(() => {});
    await renderStatus();
  });
  onStorageChanged((changes) => {
    if (STATUS_KEY in changes || HUB_KEY in changes) renderStatus();
  }, signal);
  render();
  return { render };
}
