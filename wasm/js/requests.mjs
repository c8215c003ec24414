// requests.mjs — a deterministic mix of API requests, good and bad, shared by the Node tests
// (and usable by the benchmarks) so native and wasm answers can be compared one for one.

const texts = [
  'Я не знаю, но мы гарантируем 100% прохождение таможни 🙂',
  'Добрый день! Груз задержали на таможне, подскажите, что делать?',
  'Вы должны были прислать инвойс ещё вчера, как я уже говорил.',
  'Вы должны получить уведомление сегодня до 18:00.',
  'Гарантийный срок на услугу — 12 месяцев.',
  'Извините за задержку. Простите, пожалуйста. Приносим извинения ещё раз.',
  'Нет, так нельзя. Никогда так не делайте.',
  'Типа всё нормально, короче, ждите.',
  'Типовой договор пришлём сегодня.',
  'Данные паспорта 45 06 123456 пришлите в WhatsApp.',
  'Данный вопрос мы решим в соответствии с регламентом.',
  'СНИЛС 112-233-445 95, карта 4111 1111 1111 1111.',
  'Позвоните нам: 8 800 555-35-35.',
  'Ёлки, это не моё дело, обращайтесь в банк.',
  'Страховой случай: затопили соседи, что нужно для выплаты?',
  'Мы впервые везём товар из Китая, ничего не понимаем в таможне.',
  'Наш логистический отдел просит SLA и отчёт по KPI за квартал.',
  'Вы всё равно не заплатите, страховые только собирают деньги!',
  '',
  'ё'.repeat(200),
  'Хорошо 👍🏽 спасибо\u00a0за ответ, сви\u00adдание завтра',
];

const queries = ['задержали груз', 'выплата', 'документы для таможни', 'жалоба', 'скоропорт', 'отказ в выплате',
  'персональные данные', 'сроки', 'груз', 'ДТП', 'zzzz', ''];

/** Returns n request descriptions {method, path, body?} in a fixed order. */
export function requestMix(n, segments = ['', 'corporate', 'smb', 'newcomer']) {
  const out = [];
  const bad = [
    { method: 'POST', path: '/v1/check', body: '{"text": "не закрыто' },
    { method: 'POST', path: '/v1/check', body: '{"text": 42}' },
    { method: 'POST', path: '/v1/check', body: '{"text": "привет", "segment": "nope"}' },
    { method: 'POST', path: '/v1/check', body: '{"txt": "привет"}' },
    { method: 'POST', path: '/v1/check', body: '' },
    { method: 'GET', path: '/v1/check' },
    { method: 'GET', path: '/v1/nowhere' },
    { method: 'GET', path: '/v1/search?q=груз&kind=video' },
    { method: 'GET', path: '/v1/search?q=груз&limit=-1' },
    { method: 'POST', path: '/v1/suggest', body: '{"text": "x", "limit": "five"}' },
    { method: 'PUT', path: '/v1/packs/broken', body: '{"id": "broken", "segments": []}' },
    { method: 'DELETE', path: '/v1/packs/not-loaded' },
  ];
  for (let i = 0; out.length < n; i++) {
    const seg = segments[i % segments.length];
    const text = texts[i % texts.length];
    const q = queries[i % queries.length];
    switch (i % 8) {
      case 0: case 1: case 2:
        out.push({ method: 'POST', path: '/v1/check', body: JSON.stringify({ text, segment: seg }) });
        break;
      case 3:
        out.push({ method: 'POST', path: '/v1/suggest', body: JSON.stringify({ text: texts[(i + 3) % texts.length], context: text, segment: seg, limit: 1 + (i % 5) }) });
        break;
      case 4:
        out.push({ method: 'GET', path: `/v1/search?q=${encodeURIComponent(q)}&segment=${seg}&limit=${1 + (i % 10)}${i % 3 ? '' : '&kind=template'}` });
        break;
      case 5:
        out.push({ method: 'POST', path: '/v1/segment', body: JSON.stringify({ text }) });
        break;
      case 6:
        out.push(['/v1/segments', '/v1/packs', '/v1/health'].map((path) => ({ method: 'GET', path }))[i % 3]);
        break;
      default:
        out.push(bad[i % bad.length]);
    }
  }
  return out;
}
