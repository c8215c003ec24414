// corpus.mjs — generates the benchmark's Russian knowledge base as one pack JSON, plus the
// queries with their ground truth and the 2,000-character replies for /v1/check.
//
// Deterministic: the same size and seed give the same bytes. Every entry (a template or a case)
// is about a unique triple of object, issue and modifier (lexicon.mjs). Its texts use some word
// forms of the three; its queries use forms its texts never use (задержкой международных
// посылок where the entry says «Задержка международной посылки»), so only an engine that stems
// Russian finds it. The pack is what every engine reads: the wasm engine and the native one
// through PUT /v1/packs/bench and knowledge.Base.Put, FlexSearch and MiniSearch through
// peers.mjs.
//
//   node wasm/bench/corpus.mjs --size 1000 [--seed 1] [--segments 3] [--out build/bench]

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CASES, ISSUES, MODIFIERS, OBJECTS, VASH } from './lexicon.mjs';

export const PACK_ID = 'bench';

const SEGMENTS = [
  { id: 'bench-private', title: 'Частные клиенты', style: 'Тепло и просто, на «вы», без канцелярита.',
    signals: ['для себя', 'моя семья', 'мой заказ'] },
  { id: 'bench-business', title: 'Бизнес', style: 'Коротко и по делу: сроки, документы, ответственный.',
    signals: ['наша компания', 'договор*', 'бухгалтер*'] },
  { id: 'bench-vip', title: 'Премиальные клиенты', style: 'Лично, с именем менеджера и точным сроком.',
    signals: ['персональн* менеджер*', 'премиальн*'] },
];

/** mulberry32: a small seeded PRNG, so the corpus is the same on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (xs) => xs[next.int(xs.length)];
  next.chance = (p) => next() < p;
  next.shuffle = (xs) => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = next.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return next;
}

const cap = (s) => s[0].toUpperCase() + s.slice(1);
// «с» becomes «со» before с, з, ш, ж followed by a consonant (со списанием) and before «мн».
const s = (phrase) => (/^([сзшж][бвгджзйклмнпрстфхцчшщ]|мн)/i.test(phrase) ? 'со ' : 'с ') + phrase;
const SHORT = { m: 'ен', f: 'на', n: 'но' }; // нужен, нужна, нужно; возможен, возможна, возможно

/**
 * Words of one entry: renders forms of its object, issue and modifier and remembers every form
 * used, so queries can pick the others.
 */
class Words {
  constructor(o, i, m) {
    Object.assign(this, { o, i, m });
    this.used = { o: new Set(), i: new Set(), m: new Set(), verb: new Set() };
  }
  obj(c, num = 'sg') { return this.#use('o', this.o[num][c]); }
  iss(c, num = 'sg') { return this.#use('i', this.i[num][c]); }
  mod(c, num = 'sg') {
    const g = num === 'pl' ? 'pl' : this.o.gender;
    return this.#use('m', this.m[g][c]);
  }
  mo(c, num = 'sg') { return `${this.mod(c, num)} ${this.obj(c, num)}`; }
  vash(c) { return VASH[this.o.gender][c]; }
  past() { return this.#use('verb', this.i.past); }
  inf() { return this.#use('verb', this.i.inf); }
  #use(kind, form) { this.used[kind].add(form); return form; }
}

// Generic sentences, by voice. They make texts as long and as repetitive as real ones.
const FILLER = {
  situation: [
    'Обращение пришло в чат поздно вечером.', 'Клиент уже писал на прошлой неделе.',
    'В истории обращений есть похожий случай.', 'Клиент прикладывает скриншот.',
    'Клиент раздражён и пишет коротко.', 'Срок ответа по регламенту — один рабочий день.',
  ],
  private: [
    'Понимаем, как это неприятно.', 'Спасибо, что дождались ответа.', 'Если будут вопросы, пишите в этот чат.',
    'Хорошего вам дня!', 'Мы рядом и держим вас в курсе.', 'Напишем сразу, как только будут новости.',
  ],
  business: [
    'Ответственный менеджер на связи в рабочее время.', 'Закрывающие документы пришлём по электронной почте.',
    'Сроки фиксируем в письме.', 'Если нужен акт сверки, сообщите.', 'Номер обращения сохраните для бухгалтерии.',
  ],
  vip: [
    'Ваш персональный менеджер {{manager_name}} уже в курсе.', 'Держим вопрос на личном контроле.',
    'Позвоним вам в удобное время.', 'Если удобнее, продолжим в мессенджере.',
  ],
  do: [
    'Назвать срок ответа и сдержать его.', 'Сохранить номер обращения в карточке клиента.',
    'Написать клиенту, даже если новостей пока нет.', 'Поблагодарить за терпение.',
  ],
  dont: [
    'Не спорить и не перекладывать вину на клиента.', 'Не просить повторно данные, которые клиент уже прислал.',
    'Не отвечать шаблоном без имени клиента.',
  ],
};

/** Sentences in the customer's voice: triggers of templates and customer_says of cases. */
function customerLines(w, r) {
  const want = w.i.want;
  const lines = [
    () => (want ? `Хочу ${w.inf()} ${w.mo('acc')}, как это сделать?` : `Мне ${w.past()} ${w.mo('acc')} без предупреждения!`),
    () => (want ? `Почему до сих пор не ${w.past()} ${w.mo('acc')}?` : `Зачем вы ${w.past()} ${w.mo('acc')}?`),
    () => `Что ${s(w.iss('ins'))} ${w.mo('gen')}? Жду уже неделю`,
    () => `Подскажите по ${w.iss('dat')} ${w.mo('gen')}`,
    () => (want ? `У меня проблема ${s(w.mo('ins'))}: нуж${SHORT[w.i.gender]} ${w.iss('nom')}`
      : `У меня проблема ${s(w.mo('ins'))}, ${w.past()} без спроса`),
    () => `${cap(w.iss('nom'))} ${w.mo('gen')} возмож${SHORT[w.i.gender]}?`,
    () => `Пишу уже второй раз насчёт ${w.mo('gen')}`,
  ];
  return r.shuffle(lines).slice(0, 3).map((f) => f());
}

function situation(w, r) {
  const s = r.pick([
    () => `Клиент обращается из-за ${w.iss('gen')} ${w.mo('gen')} и хочет понять, что будет дальше.`,
    () => (w.i.want ? `Клиент просит ${w.inf()} ${w.mo('acc')} и спрашивает, сколько это займёт.`
      : `Клиент пишет, что ему ${w.past()} ${w.mo('acc')}, и ждёт объяснений.`),
    () => `Вопрос о ${w.iss('prep')} ${w.mo('gen')}: клиент пишет повторно и волнуется.`,
  ])();
  return `${s} ${r.pick(FILLER.situation)}`;
}

/** One segment's reply text. */
function reply(w, r, seg) {
  const style = seg.replace('bench-', '');
  const parts = [
    `{{customer_name}}, здравствуйте! Спасибо, что написали про ${w.iss('acc')} ${w.mo('gen')}.`,
    r.pick([
      () => `Мы уже проверяем ${w.vash('acc')} ${w.mo('acc')} и вернёмся с ответом до {{deadline}}.`,
      () => `По ${w.iss('dat')} ${w.mo('gen')} ответит профильный отдел, срок — {{deadline}}.`,
    ])(),
    w.i.want ? `Чтобы ${w.inf()} ${w.mo('acc')}, пришлите, пожалуйста, номер обращения.`
      : `Выясним, почему так вышло, и расскажем, что удалось сделать.`,
    ...r.shuffle(FILLER[style]).slice(0, 2),
  ];
  return parts.join(' ');
}

function variant(w, r, seg) {
  const text = reply(w, r, seg);
  if (!r.chance(0.3)) return text;
  return {
    text,
    email: `${text}\n\nС уважением,\n{{agent_name}}, служба поддержки`,
    messenger: `${cap(w.iss('nom'))} ${w.mo('gen')}: проверяем, ответим до {{deadline}}.`,
  };
}

function template(id, w, r, segments) {
  const t = {
    id,
    title: r.chance(0.7) ? `${cap(w.iss('nom'))} ${w.mo('gen')}` : `${cap(w.mo('nom'))}: ${w.iss('nom')}`,
    situation: situation(w, r),
    tags: [w.iss('nom'), w.obj('nom'), w.mod('nom')],
    triggers: customerLines(w, r),
    variants: {},
    source: 'generated',
  };
  for (const s of segments) t.variants[s.id] = variant(w, r, s.id);
  return t;
}

function kase(id, w, r, templateIds) {
  const c = {
    id,
    title: r.pick([
      () => `${cap(w.iss('nom'))} ${w.mo('gen')}`,
      () => `Жалоба на ${w.iss('acc')} ${w.mo('gen')}`,
      () => `Спор из-за ${w.iss('gen')} ${w.mo('gen')}`,
    ])(),
    situation: situation(w, r),
    customer_says: customerLines(w, r),
    do: [`Уточнить номер ${w.obj('gen')} и дату обращения.`, `Проверить статус ${w.iss('gen')} в системе.`,
      ...r.shuffle(FILLER.do).slice(0, 2)],
    dont: [`Не обещать ${w.iss('acc')} до проверки.`, r.pick(FILLER.dont)],
    source: 'generated',
  };
  if (templateIds.length > 0 && r.chance(0.5)) c.templates = [r.pick(templateIds)];
  return c;
}

// Prepositions that make a query in each case read like what an agent types («по отмене …»).
const PREP = { nom: [''], gen: ['', 'из-за', 'для'], dat: ['по'], acc: ['про', 'на'], ins: ['с'], prep: ['о', 'при'] };

/**
 * The search query, suggest context and draft that should find the entry: the issue in a case
 * and the modifier with the object in the genitive («по отменам подарочных сертификатов»), or a
 * verb with them in the accusative («отменить подарочные сертификаты»), always in forms the
 * entry's texts do not use. fresh is false when the texts use every candidate form.
 */
function query(w, r) {
  const u = new Set([...w.used.o, ...w.used.i, ...w.used.m]);
  const np = (c, n) => {
    const g = n === 'pl' ? 'pl' : w.o.gender;
    return [w.m[g][c], w.o[n][c]];
  };
  const freshAll = (forms) => forms.every((f) => !u.has(f));
  const verb = [w.i.inf, w.i.past].find((v) => !w.used.verb.has(v));
  if (verb && r.chance(0.3)) {
    const forms = [np('acc', 'pl'), np('acc', 'sg')].find(freshAll);
    if (forms) return { q: `${verb} ${forms.join(' ')}`, fresh: true };
  }
  const options = [];
  for (const n of ['sg', 'pl']) {
    for (const c of CASES) {
      for (const gn of ['pl', 'sg']) {
        const forms = [w.i[n][c], ...np('gen', gn)];
        if (freshAll(forms)) options.push({ c, forms });
      }
    }
  }
  const pick = options.length > 0 ? r.pick(options) : { c: 'nom', forms: [w.i.pl.nom, ...np('gen', 'pl')] };
  let prep = r.pick(PREP[pick.c]);
  if (prep === 'о' && /^[аеиоуыэюя]/.test(pick.forms[0])) prep = 'об';
  return { q: (prep ? prep + ' ' : '') + pick.forms.join(' '), fresh: options.length > 0 };
}

const GREETINGS = ['Добрый день.', 'Здравствуйте!', 'Привет.', 'Доброе утро.'];
const ASKS = ['подскажите, что делать?', 'сколько ждать?', 'куда писать?', 'это надолго?'];
const DRAFTS = ['Здравствуйте! Сейчас посмотрю, что можно сделать', 'Добрый день! Спасибо, что написали',
  'Здравствуйте, разберёмся', 'Понимаю вас, уже проверяю'];

/**
 * Builds the pack and the queries for `size` entries: 70 % templates, 30 % cases, the split
 * real packs have (and knowledge/internal/gen uses for the Go benchmarks).
 * @returns {{pack: object, queries: object[], replies: string[]}}
 */
export function generate({ size, seed = 1, segments = 3, queries: nq = 300 } = {}) {
  if (!(size >= 1)) throw new Error('corpus: size must be at least 1');
  const segs = SEGMENTS.slice(0, Math.max(1, Math.min(segments, SEGMENTS.length)));
  const r = rng(seed);
  const space = OBJECTS.length * ISSUES.length * MODIFIERS.length;
  if (size > space / 2) throw new Error(`corpus: at most ${space / 2} entries`);
  const seen = new Set();
  const triples = [];
  while (triples.length < size) {
    const t = [r.int(OBJECTS.length), r.int(ISSUES.length), r.int(MODIFIERS.length)];
    const k = t.join('/');
    if (!seen.has(k)) { seen.add(k); triples.push(t); }
  }
  const pack = {
    id: PACK_ID, version: '1.0.0', title: `Бенчмарк: база знаний на ${size} записей`, language: 'ru',
    source: 'generated by wasm/bench/corpus.mjs', segments: segs, templates: [], cases: [], rules: [],
  };
  const entries = [];
  const nt = Math.ceil(size * 0.7);
  triples.forEach(([o, i, m], k) => {
    const w = new Words(OBJECTS[o], ISSUES[i], MODIFIERS[m]);
    if (k < nt) {
      const id = `t-${String(k + 1).padStart(5, '0')}`;
      pack.templates.push(template(id, w, r, segs));
      entries.push({ kind: 'template', id, w });
    } else {
      const id = `c-${String(k - nt + 1).padStart(5, '0')}`;
      pack.cases.push(kase(id, w, r, pack.templates.map((t) => t.id)));
      entries.push({ kind: 'case', id, w });
    }
  });
  const qs = r.shuffle(entries).slice(0, Math.min(nq, entries.length)).map((e) => {
    const { q, fresh } = query(e.w, r);
    const context = `${r.pick(GREETINGS)} ${cap(q)}: ${r.pick(ASKS)}`;
    return { q, context, draft: r.pick(DRAFTS), kind: e.kind, id: e.id, pack: PACK_ID, fresh };
  });
  return { pack, queries: qs, replies: replies(r, 20) };
}

// Sentences of agent replies for /v1/check: mostly plain support language, and in every reply
// a few with wording the default packs' rules flag (promises, blame, canned phrases, personal
// data), as real drafts have.
const REPLY_CLEAN = [
  'Я проверил ваш заказ, он сейчас на складе в Москве.',
  'Курьер свяжется с вами завтра до обеда.', 'Пришлите, пожалуйста, фото упаковки и чек.',
  'Срок рассмотрения претензии — до десяти рабочих дней.', 'Если удобнее, ответим по электронной почте.',
  'Мы передали обращение в отдел логистики, номер обращения 48213.', 'Спасибо за терпение, понимаем, как это неприятно.',
  'Звоните по телефону 8 800 555-35-35, это бесплатно.', 'Подскажите, пожалуйста, адрес доставки и удобное время.',
  'Компенсацию оформим после проверки.', 'Посылка прибыла в пункт выдачи, её можно забрать до пятницы.',
  'Деньги вернутся на карту, с которой вы платили, обычно это занимает до трёх рабочих дней.',
  'Чтобы поменять тариф, откройте раздел «Услуги» в личном кабинете.', 'Напишу вам, как только склад подтвердит отгрузку.',
  'Если код не приходит, проверьте, не включён ли режим «Не беспокоить».', 'Договор и счёт пришлём сегодня до шести вечера.',
  'Менеджер уже созвонился со складом, груз выезжает завтра утром.', 'Проверьте, пожалуйста, папку «Спам»: письмо могло попасть туда.',
  'Сумма к доплате — 450 рублей, оплатить можно по ссылке в письме.', 'Ваш старый роутер можно вернуть в любом нашем салоне.',
  'Бонусы начисляются в течение суток после покупки.', 'Если понадобится, я на связи до конца смены.',
  'Я записал ваш вопрос и передал старшему специалисту.', 'Будем рады, если оцените ответ после закрытия обращения.',
];
const REPLY_RISKY = [
  'Мы гарантируем, что деньги вернутся сегодня же.', 'К сожалению, я не знаю, когда придёт ответ от банка.',
  'Вы неправильно заполнили форму, поэтому заявка отклонена.', 'Это не наша вина, так работает почта.',
  'Данный вопрос будет решён в кратчайшие сроки.', 'Позвоните мне по номеру +7 912 345-67-89, обсудим.',
  'Для возврата пришлите номер карты 4276 3800 1234 5678.', 'Успокойтесь, пожалуйста, всё будет хорошо.',
  'Обязательно вернём 100% суммы без проверки.', 'Ваш СНИЛС 112-233-445 95 мы не храним.',
  'Никогда больше такого не повторится, обещаю.', 'Ок, щас гляну и отпишусь.',
];

/** Replies of about 2,000 characters, cut at a word boundary, each with three risky sentences. */
function replies(r, n) {
  const names = ['Анна', 'Игорь', 'Мария Сергеевна', 'Олег', 'Светлана'];
  const out = [];
  for (let k = 0; k < n; k++) {
    const risky = r.shuffle(REPLY_RISKY).slice(0, 3);
    const clean = r.shuffle(REPLY_CLEAN);
    const sentences = [`Здравствуйте, ${r.pick(names)}! Спасибо, что написали.`];
    for (let i = 0; sentences.join(' ').length < 2100; i++) {
      sentences.push(i % 6 === 3 && risky.length ? risky.shift() : clean[i % clean.length]);
    }
    const text = sentences.join(' ').slice(0, 2000);
    out.push(text.slice(0, text.lastIndexOf(' ')) + '.');
  }
  return out;
}

/** Writes corpus-<size>.json (the pack) and queries-<size>.json; returns their paths. */
export function writeCorpus({ size, seed = 1, segments = 3, queries = 300, out }) {
  const { pack, queries: qs, replies: rs } = generate({ size, seed, segments, queries });
  mkdirSync(out, { recursive: true });
  const packPath = path.join(out, `corpus-${size}.json`);
  const queriesPath = path.join(out, `queries-${size}.json`);
  const packJSON = JSON.stringify(pack);
  writeFileSync(packPath, packJSON);
  writeFileSync(queriesPath, JSON.stringify({ size, seed, segments, pack: PACK_ID, queries: qs, replies: rs }, null, 1));
  return { packPath, queriesPath, bytes: Buffer.byteLength(packJSON) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: {
    size: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' },
    segments: { type: 'string', default: '3' }, queries: { type: 'string', default: '300' },
    out: { type: 'string', default: 'build/bench' },
  } });
  const res = writeCorpus({ size: +values.size, seed: +values.seed, segments: +values.segments,
    queries: +values.queries, out: values.out });
  console.log(`${res.packPath} (${(res.bytes / 1048576).toFixed(1)} MiB), ${res.queriesPath}`);
}
